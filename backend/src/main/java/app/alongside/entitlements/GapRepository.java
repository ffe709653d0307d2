package app.alongside.entitlements;

import app.alongside.entitlements.Gaps.Audience;
import app.alongside.entitlements.Gaps.Kind;
import app.alongside.platform.store.IndexPlan;
import app.alongside.push.PushOutbox;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One document a young person ({@code entitlementGaps}, id = their id): the gaps open when last looked at,
 * whom they shared each with, and the alerts sent when a gap opened. A newly open gap sets {@code newlyOpened}
 * and a push need in the same write, so the alert is pushed once even if the process stops in between.
 */
final class GapRepository {
    static final String COLLECTION = "entitlementGaps";

    private final MongoCollection<Document> gaps;

    GapRepository(MongoDatabase db) {
        this.gaps = db.getCollection(COLLECTION);
    }

    static List<IndexPlan> indexes() {
        return List.of(IndexPlan.of(COLLECTION, Indexes.ascending("councilId", "shared")));
    }

    /**
     * Records the gaps open now; answers those that were not open last time (an alert is pushed for each). The
     * update applies only if nobody changed the open set since it was read, so two checks at once alert once.
     */
    List<Kind> observe(String ownerId, String councilId, Set<Kind> open, Instant now) {
        Document current = gaps.find(Filters.eq("_id", ownerId)).first();
        List<String> before = current == null ? List.of() : current.getList("open", String.class);
        List<Kind> opened = open.stream().filter(k -> !before.contains(k.name())).sorted().toList();
        List<String> openNames = open.stream().sorted().map(Enum::name).toList();
        if (openNames.equals(before) && current != null) {
            return List.of();
        }
        List<Bson> updates = new ArrayList<>(List.of(Updates.set("open", openNames),
                Updates.set("councilId", councilId), Updates.set("checkedAt", Date.from(now))));
        if (!opened.isEmpty()) {
            String need = opened.stream().map(Enum::name).collect(Collectors.joining(",")) + "@" + now;
            updates.add(Updates.set("newlyOpened", opened.stream().map(Enum::name).toList()));
            updates.add(Updates.pushEach("alerts", opened.stream().map(k -> new Document("kind", k.name())
                    .append("openedAt", Date.from(now))).toList()));
            updates.add(Updates.set(PushOutbox.FIELD, PushOutbox.pending(now, need)));
        }
        Bson unchanged = current == null ? Filters.eq("_id", ownerId)
                : Filters.and(Filters.eq("_id", ownerId), Filters.eq("open", before));
        try {
            boolean applied = gaps.updateOne(unchanged, Updates.combine(updates),
                    new UpdateOptions().upsert(current == null)).getMatchedCount() == 1 || current == null;
            return applied ? opened : List.of();
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            return List.of(); // another request inserted this young person's gaps first: its alerts stand
        }
    }

    /** Whom the young person shared each gap with. */
    Map<Kind, List<Audience>> shares(String ownerId) {
        Document doc = gaps.find(Filters.eq("_id", ownerId)).first();
        Map<Kind, List<Audience>> shares = new EnumMap<>(Kind.class);
        Document shared = doc == null ? null : doc.get("sharedWith", Document.class);
        if (shared != null) {
            shared.forEach((kind, with) -> shares.put(Kind.valueOf(kind), ((List<?>) with).stream()
                    .map(a -> Audience.valueOf(a.toString())).toList()));
        }
        return shares;
    }

    void share(String ownerId, String councilId, Kind kind, List<Audience> with, Instant now) {
        List<String> names = with.stream().distinct().map(Enum::name).toList();
        Bson change = names.isEmpty() ? Updates.unset("sharedWith." + kind.name())
                : Updates.set("sharedWith." + kind.name(), names);
        Bson council = with.contains(Audience.COUNCIL) ? Updates.addToSet("shared", kind.name())
                : Updates.pull("shared", kind.name());
        gaps.updateOne(Filters.eq("_id", ownerId), Updates.combine(change, council, Updates.set("councilId",
                councilId), Updates.set("sharedAt", Date.from(now))), new UpdateOptions().upsert(true));
    }

    /** The young people of a council who shared at least one gap with it. */
    List<String> sharingWithCouncil(String councilId) {
        return gaps.find(Filters.and(Filters.eq("councilId", councilId), Filters.exists("shared.0")))
                .map(d -> d.getString("_id")).into(new ArrayList<>());
    }

    long delete(String ownerId) {
        return gaps.deleteMany(Filters.eq("_id", ownerId)).getDeletedCount();
    }

    /** The export's form: shares and the alerts sent. */
    List<Document> export(String ownerId) {
        return gaps.find(Filters.eq("_id", ownerId)).projection(new Document("sharedWith", 1).append("alerts", 1)
                .append("open", 1).append("_id", 0)).into(new ArrayList<>());
    }
}
