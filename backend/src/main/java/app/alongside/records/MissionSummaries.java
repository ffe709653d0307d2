package app.alongside.records;

import app.alongside.audit.AuditAction;
import app.alongside.audit.AuditLog;
import app.alongside.platform.core.ApiException;
import app.alongside.platform.core.Input;
import app.alongside.platform.core.RequestContext;
import app.alongside.push.PushOutbox;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The home screen: each mission at a glance, counted exactly from the young person's records and goals as they
 * are stored, in the same few reads however many records there are.
 */
public final class MissionSummaries {
    private static final int OPEN_GOALS_SHOWN = 3;

    /** The schema's {@code MissionSummary}. */
    public record MissionSummary(List<MissionOverview> missions, PathwayPlanReview pathwayPlanReview) {
    }

    /** The schema's {@code MissionOverview}. */
    public record MissionOverview(Mission mission, int recordCount, List<KindCount> countsByKind,
                                  LifeRecord latestRecord, int openGoalCount, List<Goal> openGoals, DueItem nextDue,
                                  boolean sharedWithAdvocate) {
    }

    /** The schema's {@code KindCount}. */
    public record KindCount(RecordKind kind, int count) {
    }

    /** The schema's {@code DueItem}: a record's or a goal's. */
    public record DueItem(String title, Instant dueAt, LifeRecord record, Goal goal) {
    }

    /** The schema's {@code PathwayPlanReview}. */
    public record PathwayPlanReview(LocalDate reviewDate, int remindDaysBefore, Instant remindAt, boolean overdue) {
    }

    private final RecordsService records;
    private final GoalsService goals;
    private final RecordIndex index;
    private final RecordsPolicy policy;
    private final AuditLog audit;
    private final Clock clock;

    public MissionSummaries(RecordsService records, GoalsService goals, RecordIndex index, RecordsPolicy policy,
                     AuditLog audit, Clock clock) {
        this.records = records;
        this.goals = goals;
        this.index = index;
        this.policy = policy;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Three reads, whatever the young person's history: their sharing document, one aggregation over their live
     * records (counts, newest and soonest due per kind) and their active goals.
     */
    MissionSummary summary(RequestContext context, Function<String, RecordIndex.Summary> indexOf) {
        String owner = policy.requireOwner(context.principal());
        RecordIndex.Summary summary = indexOf.apply(owner);
        Instant now = clock.instant();
        Instant today = RecordsClock.startOf(RecordsClock.today(clock));
        Map<RecordKind, RecordsService.KindStats> stats = records.kindStats(owner, today, now);
        List<Goal> active = goals.active(owner);
        List<MissionOverview> missions = new ArrayList<>();
        for (Mission mission : Mission.values()) {
            List<KindCount> counts = new ArrayList<>();
            List<RecordsService.KindStats> ofMission = new ArrayList<>();
            for (RecordKind kind : RecordKind.values()) {
                RecordsService.KindStats kindStats = stats.get(kind);
                if (kind.mission() == mission && kindStats != null) {
                    counts.add(new KindCount(kind, kindStats.count()));
                    ofMission.add(kindStats);
                }
            }
            LifeRecord latest = ofMission.stream().map(RecordsService.KindStats::latest)
                    .max(Comparator.comparing(LifeRecord::createdAt).thenComparing(LifeRecord::id)).orElse(null);
            List<Goal> open = active.stream().filter(g -> g.mission() == mission)
                    .sorted(Comparator.comparing(Goal::dueAt, Comparator.nullsLast(Comparator.naturalOrder()))
                            .thenComparing(Goal::id)).toList();
            missions.add(new MissionOverview(mission, counts.stream().mapToInt(KindCount::count).sum(), counts,
                    latest, open.size(), open.stream().limit(OPEN_GOALS_SHOWN).toList(),
                    nextDue(ofMission, open, today), summary.missionShared(mission)));
        }
        return new MissionSummary(missions, review(summary.pathwayReview()));
    }

    /** The soonest of the mission's due records (already from now or today, per kind) and open goals. */
    private DueItem nextDue(List<RecordsService.KindStats> ofMission, List<Goal> open, Instant today) {
        Optional<DueItem> record = ofMission.stream().map(RecordsService.KindStats::nextDue).filter(r -> r != null)
                .min(Comparator.comparing(LifeRecord::dueAt).thenComparing(LifeRecord::id))
                .map(r -> new DueItem(records.title(r), r.dueAt(), r, null));
        Optional<DueItem> goal = open.stream().filter(g -> g.dueAt() != null && !g.dueAt().isBefore(today))
                .min(Comparator.comparing(Goal::dueAt).thenComparing(Goal::id))
                .map(g -> new DueItem(g.title(), g.dueAt(), null, g));
        if (record.isPresent() && goal.isPresent()) {
            return goal.get().dueAt().isBefore(record.get().dueAt()) ? goal.get() : record.get();
        }
        return record.or(() -> goal).orElse(null);
    }

    /** One mission's overview, e.g. after sharing it. */
    MissionOverview overview(RequestContext context, Mission mission) {
        return summary(context, index::find).missions().stream().filter(m -> m.mission() == mission).findFirst()
                .orElseThrow();
    }

    PathwayPlanReview setPathwayReview(RequestContext context, Input input) {
        String owner = policy.requireOwner(context.principal());
        LocalDate reviewDate = input.optionalDate("reviewDate").orElseThrow();
        LocalDate today = RecordsClock.today(clock);
        if (reviewDate.isBefore(today) || reviewDate.isAfter(today.plusYears(2))) {
            throw ApiException.badInput(input.at("reviewDate"), "Must be between today and two years from now.");
        }
        int days = input.optionalInt("remindDaysBefore", 0, 60).orElse(7);
        Instant remindAt = RecordsClock.nineOn(reviewDate.minusDays(days));
        RecordIndex.PathwayReview review = new RecordIndex.PathwayReview(reviewDate, days, remindAt);
        index.setPathwayReview(owner, review, remindAt.isAfter(clock.instant()) ? PushOutbox.pending(remindAt) : null);
        audit.record(context, AuditAction.UPDATE, "PathwayPlanReview", owner, owner, "review date set");
        return review(review);
    }

    private PathwayPlanReview review(RecordIndex.PathwayReview review) {
        if (review == null) {
            return null;
        }
        return new PathwayPlanReview(review.reviewDate(), review.remindDaysBefore(), review.remindAt(),
                review.reviewDate().isBefore(RecordsClock.today(clock)));
    }
}
