package app.alongside.identity;

import app.alongside.platform.core.Connections;
import app.alongside.platform.store.IndexPlan;
import app.alongside.platform.store.Mongo;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The {@code youngPeople} collection, and {@code appAccounts}, which maps a Firebase uid (its {@code _id}, so
 * unique) to the young person it is linked to.
 */
public final class YoungPersonRepository {
    public static final String COLLECTION = "youngPeople";
    public static final String ACCOUNTS = "appAccounts";
    static final int SCHEMA_VERSION = 1;
    /** What staff see as the first name of a young person whose data was erased. */
    public static final String ERASED_NAME = "[erased]";

    /** True once the young person's data was erased (their first name is then {@link #ERASED_NAME}). */
    public static boolean erased(YoungPerson person) {
        return ERASED_NAME.equals(person.firstName());
    }

    private final MongoCollection<Document> people;
    private final MongoCollection<Document> accounts;

    public YoungPersonRepository(MongoDatabase db) {
        this.people = db.getCollection(COLLECTION);
        this.accounts = db.getCollection(ACCOUNTS);
    }

    public static List<IndexPlan> indexes() {
        return List.of(IndexPlan.of(COLLECTION, Indexes.descending("localAuthorityId", "createdAt", "_id")),
                IndexPlan.of(ACCOUNTS, Indexes.ascending("youngPersonId")));
    }

    public void insert(YoungPerson person, String createdBy) {
        people.insertOne(toDocument(person).append("createdBy", createdBy));
    }

    public Optional<YoungPerson> findById(String id) {
        return Optional.ofNullable(people.find(Filters.eq("_id", id)).first()).map(YoungPersonRepository::from);
    }

    public Map<String, YoungPerson> findByIds(Collection<String> ids) {
        return people.find(Filters.in("_id", ids)).map(YoungPersonRepository::from).into(new ArrayList<>()).stream()
                .collect(Collectors.toMap(YoungPerson::id, Function.identity()));
    }

    /** Newest first, of the given councils. */
    public Connections.Connection<YoungPerson> pageOfCouncils(List<String> councilIds, Connections.Page page) {
        List<Bson> filters = new ArrayList<>(List.of(Filters.in("localAuthorityId", councilIds)));
        page.after().ifPresent(key -> filters.add(Connections.olderThan(key)));
        List<YoungPerson> found = people.find(Filters.and(filters)).sort(Connections.NEWEST_FIRST)
                .limit(page.first() + 1).map(YoungPersonRepository::from).into(new ArrayList<>());
        return Connections.page(found, page, page.after().isPresent(),
                p -> Connections.newestKey(p.createdAt(), p.id()));
    }

    /**
     * The ids of young people who use the app (their account is linked) and match: of one of {@code councilIds}
     * (any when empty), with one of {@code statuses} (any when empty), born between the two dates inclusive.
     */
    public List<String> appUsersWhere(List<String> councilIds, List<LegalStatus> statuses, LocalDate bornFrom,
                                      LocalDate bornTo) {
        List<Bson> filters = new ArrayList<>(List.of(Filters.ne("firebaseUid", null),
                Filters.gte("dateOfBirth", bornFrom.toString()), Filters.lte("dateOfBirth", bornTo.toString())));
        if (!councilIds.isEmpty()) {
            filters.add(Filters.in("localAuthorityId", councilIds));
        }
        if (!statuses.isEmpty()) {
            filters.add(Filters.in("legalStatus", statuses.stream().map(Enum::name).toList()));
        }
        return people.find(Filters.and(filters)).projection(com.mongodb.client.model.Projections.include("_id"))
                .map(doc -> doc.getString("_id")).into(new ArrayList<>());
    }

    /** The ids of every young person of the given councils. */
    public List<String> idsInCouncils(List<String> councilIds) {
        return people.find(Filters.in("localAuthorityId", councilIds))
                .projection(new Document("_id", 1)).map(d -> d.getString("_id")).into(new ArrayList<>());
    }

    /** The young person a Firebase uid is linked to. */
    public Optional<String> linkedTo(String firebaseUid) {
        return Optional.ofNullable(accounts.find(Filters.eq("_id", firebaseUid)).first())
                .map(d -> d.getString("youngPersonId"));
    }

    /**
     * Links {@code firebaseUid} to the young person. False when the uid is linked to someone else already, or the
     * young person to another uid; linking the same pair again is a no-op (a retry).
     * <p>
     * The young person takes the uid first, and only then does the uid reach {@code appAccounts}, which is what
     * authentication reads: so no request ever sees a link that is then undone, and a link once seen stands (which
     * is what lets {@link Authentication} remember it).
     */
    public boolean link(String firebaseUid, String youngPersonId, Instant now) {
        boolean claimed = people.updateOne(Filters.and(Filters.eq("_id", youngPersonId),
                        Filters.in("firebaseUid", null, firebaseUid)),
                Updates.combine(Updates.set("firebaseUid", firebaseUid), Updates.set("updatedAt", Mongo.date(now))))
                .getMatchedCount() == 1;
        if (!claimed) {
            return false;
        }
        try {
            accounts.insertOne(new Document("_id", firebaseUid).append("youngPersonId", youngPersonId)
                    .append("createdAt", Mongo.date(now)));
            return true;
        } catch (MongoWriteException e) {
            if (!Mongo.isDuplicateKey(e)) {
                throw e;
            }
            if (linkedTo(firebaseUid).filter(youngPersonId::equals).isPresent()) {
                return true;
            }
            // The uid is linked to someone else already: give the young person's claim back so they stay free.
            people.updateOne(Filters.and(Filters.eq("_id", youngPersonId), Filters.eq("firebaseUid", firebaseUid)),
                    Updates.combine(Updates.set("firebaseUid", null), Updates.set("updatedAt", Mongo.date(now))));
            return false;
        }
    }

    public YoungPerson updateProfile(YoungPerson updated) {
        people.updateOne(Filters.eq("_id", updated.id()), Updates.combine(
                Updates.set("preferredName", updated.preferredName()), Updates.set("pronouns", updated.pronouns()),
                Updates.set("language", updated.language()),
                Updates.set("contactPreferences", preferences(updated.contactPreferences())),
                Updates.set("updatedAt", Mongo.date(updated.updatedAt()))));
        return updated;
    }

    /** Sets one field the council entered ({@link CouncilEntries}) to its corrected, stored value. */
    public void correct(String id, String field, String value, Instant now) {
        people.updateOne(Filters.eq("_id", id), Updates.combine(Updates.set(field, value),
                Updates.set("updatedAt", Mongo.date(now))));
    }

    /** Moves a young person to another council, keeping a history of moves. */
    public void transfer(String id, String fromCouncil, String toCouncil, String byStaffId, Instant now) {
        people.updateOne(Filters.eq("_id", id), Updates.combine(Updates.set("localAuthorityId", toCouncil),
                Updates.set("updatedAt", Mongo.date(now)),
                Updates.push("transfers", new Document("from", fromCouncil).append("to", toCouncil)
                        .append("by", byStaffId).append("at", Mongo.date(now)))));
    }

    private static Document preferences(YoungPerson.ContactPreferences p) {
        return new Document("inApp", p.inApp()).append("email", p.email()).append("sms", p.sms());
    }

    static Document toDocument(YoungPerson p) {
        return new Document("_id", p.id())
                .append("schemaVersion", SCHEMA_VERSION)
                .append("firstName", p.firstName())
                .append("preferredName", p.preferredName())
                .append("pronouns", p.pronouns())
                .append("dateOfBirth", p.dateOfBirth().toString())
                .append("legalStatus", p.legalStatus().name())
                .append("localAuthorityId", p.localAuthorityId())
                .append("language", p.language())
                .append("contactPreferences", preferences(p.contactPreferences()))
                .append("firebaseUid", p.firebaseUid())
                .append("createdAt", Mongo.date(p.createdAt()))
                .append("updatedAt", Mongo.date(p.updatedAt()));
    }

    static YoungPerson from(Document d) {
        Document prefs = d.get("contactPreferences", Document.class);
        var contact = prefs == null ? YoungPerson.ContactPreferences.NONE : new YoungPerson.ContactPreferences(
                prefs.getBoolean("inApp", false), prefs.getBoolean("email", false), prefs.getBoolean("sms", false));
        return new YoungPerson(d.getString("_id"), d.getString("firstName"), d.getString("preferredName"),
                d.getString("pronouns"), LocalDate.parse(d.getString("dateOfBirth")),
                LegalStatus.valueOf(d.getString("legalStatus")), d.getString("localAuthorityId"),
                d.getString("language"), contact, d.getString("firebaseUid"), Mongo.instant(d.getDate("createdAt")),
                Mongo.instant(d.getDate("updatedAt")));
    }

    /**
     * Closes the young person's app account (erasure): each Firebase uid linked to them stays in
     * {@code appAccounts}, linked to nobody and marked closed, so it can never sign in as them nor link again; the
     * young person forgets the uid. Answers the uids closed by this call (none when run again).
     */
    public List<String> closeAccount(String youngPersonId, Instant now) {
        List<String> uids = accounts.find(Filters.eq("youngPersonId", youngPersonId))
                .map(d -> d.getString("_id")).into(new ArrayList<>());
        if (!uids.isEmpty()) {
            accounts.updateMany(Filters.in("_id", uids), Updates.combine(Updates.set("youngPersonId", null),
                    Updates.set("closedAt", Mongo.date(now))));
        }
        people.updateOne(Filters.and(Filters.eq("_id", youngPersonId), Filters.ne("firebaseUid", null)),
                Updates.combine(Updates.set("firebaseUid", null), Updates.set("updatedAt", Mongo.date(now))));
        return uids;
    }

    /** True when the Firebase uid belonged to an account that was closed. */
    public boolean closed(String firebaseUid) {
        return accounts.find(Filters.and(Filters.eq("_id", firebaseUid), Filters.ne("closedAt", null))).first() != null;
    }

    /**
     * Removes what the young person said about themself (erasure): preferred name, pronouns, language and contact
     * preferences; the first name the council entered becomes {@link #ERASED_NAME}. The date of birth, legal status
     * and council stay, because the kept records are held until a date worked out from them. Answers 1 when this
     * call erased the profile, 0 when it was erased before.
     */
    public long eraseProfile(String youngPersonId, Instant now) {
        return people.updateOne(Filters.and(Filters.eq("_id", youngPersonId), Filters.eq("erasedAt", null)),
                Updates.combine(Updates.set("firstName", ERASED_NAME), Updates.set("preferredName", null),
                        Updates.set("pronouns", null), Updates.set("language", null),
                        Updates.set("contactPreferences", preferences(YoungPerson.ContactPreferences.NONE)),
                        Updates.set("erasedAt", Mongo.date(now)), Updates.set("updatedAt", Mongo.date(now))))
                .getModifiedCount();
    }
}
