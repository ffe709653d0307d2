package app.alongside.messaging;

import app.alongside.platform.observe.CachedGauges;
import app.alongside.platform.store.IndexPlan;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import io.micrometer.core.instrument.Tags;

import java.time.Clock;
import java.util.Date;
import java.util.List;

/**
 * The advocacy service levels as gauges, for alerts: threads whose young person has waited past the response
 * standard ({@code replyDueAt} passed, no staff reply yet), urgent (safeguarding) threads still waiting for a staff
 * reply, and allocations of a named advocate past their due time. Each is a count on an index of its own.
 */
public final class ServiceLevels {
    private ServiceLevels() {
    }

    /** The indexes the counts use (besides the domain's own, which lead with the service). */
    public static List<IndexPlan> indexes() {
        return List.of(IndexPlan.of(ThreadRepository.COLLECTION, Indexes.ascending("replyDueAt")),
                IndexPlan.of(ThreadRepository.COLLECTION, Indexes.ascending("urgent", "replyDueAt")),
                IndexPlan.of(AdvocacyRepository.COLLECTION, Indexes.ascending("status", "allocationDueAt")));
    }

    public static void register(CachedGauges gauges, MongoDatabase db, Clock clock) {
        var threads = db.getCollection(ThreadRepository.COLLECTION);
        var advocacy = db.getCollection(AdvocacyRepository.COLLECTION);
        gauges.add("alongside.replies.overdue", "Threads whose young person has waited past the advocacy response "
                + "standard (one working day) for a staff reply", Tags.empty(),
                () -> threads.countDocuments(Filters.lt("replyDueAt", Date.from(clock.instant()))));
        gauges.add("alongside.urgent.unanswered", "Urgent (safeguarding) threads still waiting for a staff reply",
                Tags.empty(), () -> threads.countDocuments(Filters.and(Filters.eq("urgent", true),
                        Filters.ne("replyDueAt", null))));
        gauges.add("alongside.allocations.overdue", "Young people waiting past the due time (two working days) for "
                + "a named advocate", Tags.empty(), () -> advocacy.countDocuments(Filters.and(
                        Filters.eq("status", Advocacy.Status.ALLOCATION_PENDING.name()),
                        Filters.lt("allocationDueAt", Date.from(clock.instant())))));
    }
}
