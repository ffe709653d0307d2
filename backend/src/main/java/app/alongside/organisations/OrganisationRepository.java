package app.alongside.organisations;

import app.alongside.kernel.OrganisationKind;
import app.alongside.platform.core.Connections;
import app.alongside.platform.store.IndexPlan;
import app.alongside.platform.store.Mongo;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The {@code organisations} collection. Names are unique, case aside. */
public final class OrganisationRepository {
    public static final String COLLECTION = "organisations";
    static final int SCHEMA_VERSION = 1;

    private final MongoCollection<Document> collection;

    public OrganisationRepository(MongoDatabase db) {
        this.collection = db.getCollection(COLLECTION);
    }

    public static List<IndexPlan> indexes() {
        return List.of(IndexPlan.unique(COLLECTION, Indexes.ascending("nameKey")),
                IndexPlan.of(COLLECTION, Indexes.descending("createdAt", "_id")),
                IndexPlan.of(COLLECTION, Indexes.ascending("kind", "createdAt")));
    }

    static String nameKey(String name) {
        return name.trim().toLowerCase(Locale.ROOT);
    }

    /** Inserts; throws the driver's duplicate-key error when the name is taken. */
    public void insert(Organisation org) {
        collection.insertOne(toDocument(org));
    }

    public Optional<Organisation> findById(String id) {
        return Optional.ofNullable(collection.find(Filters.eq("_id", id)).first()).map(OrganisationRepository::from);
    }

    public Map<String, Organisation> findByIds(Collection<String> ids) {
        return collection.find(Filters.in("_id", ids)).map(OrganisationRepository::from).into(new ArrayList<>())
                .stream().collect(Collectors.toMap(Organisation::id, Function.identity()));
    }

    public Optional<Organisation> findByName(String name) {
        return Optional.ofNullable(collection.find(Filters.eq("nameKey", nameKey(name))).first())
                .map(OrganisationRepository::from);
    }

    /** Newest first, optionally of one kind. */
    public Connections.Connection<Organisation> page(OrganisationKind kind, Connections.Page page) {
        List<Bson> filters = new ArrayList<>();
        if (kind != null) {
            filters.add(Filters.eq("kind", kind.name()));
        }
        page.after().ifPresent(key -> filters.add(Connections.olderThan(key)));
        Bson filter = filters.isEmpty() ? new Document() : Filters.and(filters);
        List<Organisation> found = collection.find(filter).sort(Connections.NEWEST_FIRST).limit(page.first() + 1)
                .map(OrganisationRepository::from).into(new ArrayList<>());
        return Connections.page(found, page, page.after().isPresent(),
                o -> Connections.newestKey(o.createdAt(), o.id()));
    }

    /** Replaces the stored organisation with {@code updated}; returns it. */
    public Organisation replace(Organisation updated) {
        Document doc = collection.findOneAndReplace(Filters.eq("_id", updated.id()), toDocument(updated),
                new com.mongodb.client.model.FindOneAndReplaceOptions().returnDocument(ReturnDocument.AFTER));
        return from(doc);
    }

    /** The ids of the councils in any of {@code regions}. */
    public List<String> councilsIn(Collection<Region> regions) {
        return collection.find(Filters.and(Filters.eq("kind", OrganisationKind.LOCAL_AUTHORITY.name()),
                        Filters.in("region", regions.stream().map(Enum::name).toList())))
                .projection(new Document("_id", 1)).map(d -> d.getString("_id")).into(new ArrayList<>());
    }

    /** Active advocacy services serving {@code councilId}, the longest-established first. */
    public List<Organisation> advocacyServicesServing(String councilId) {
        return collection.find(com.mongodb.client.model.Filters.and(
                        com.mongodb.client.model.Filters.eq("kind", OrganisationKind.ADVOCACY_SERVICE.name()),
                        com.mongodb.client.model.Filters.eq("servesLocalAuthorityIds", councilId),
                        com.mongodb.client.model.Filters.ne("active", false)))
                .sort(com.mongodb.client.model.Sorts.ascending("createdAt", "_id"))
                .map(OrganisationRepository::from).into(new java.util.ArrayList<>());
    }

    static Document toDocument(Organisation org) {
        return new Document("_id", org.id())
                .append("schemaVersion", SCHEMA_VERSION)
                .append("name", org.name())
                .append("nameKey", nameKey(org.name()))
                .append("kind", org.kind().name())
                .append("sector", org.sector() == null ? null : org.sector().name())
                .append("region", org.region() == null ? null : org.region().name())
                .append("servesLocalAuthorityIds", org.servesLocalAuthorityIds())
                .append("active", org.active())
                .append("createdAt", Mongo.date(org.createdAt()))
                .append("updatedAt", Mongo.date(org.updatedAt()));
    }

    static Organisation from(Document doc) {
        return new Organisation(doc.getString("_id"), doc.getString("name"),
                OrganisationKind.valueOf(doc.getString("kind")),
                Mongo.enumValue(CorporateParentSector.class, doc.getString("sector")),
                Mongo.enumValue(Region.class, doc.getString("region")),
                doc.getList("servesLocalAuthorityIds", String.class, List.of()),
                doc.getBoolean("active", true), Mongo.instant(doc.getDate("createdAt")),
                Mongo.instant(doc.getDate("updatedAt")));
    }
}
