package app.alongside.records;

import app.alongside.audit.AuditAction;
import app.alongside.audit.AuditLog;
import app.alongside.platform.ApiException;
import app.alongside.platform.Input;
import app.alongside.platform.RequestContext;
import app.alongside.push.PushOutbox;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The home screen: each mission at a glance, built from the young person's {@link RecordIndex} and then the few
 * records and goals it shows, fetched by id in one query each, however many records there are.
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

    private record Due(String title, Instant at, String recordId, String goalId) {
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

    MissionSummary summary(RequestContext context, java.util.function.Function<String, RecordIndex.Summary> indexOf) {
        String owner = policy.requireOwner(context.principal());
        RecordIndex.Summary summary = indexOf.apply(owner);
        Instant now = clock.instant();
        Instant today = RecordsClock.startOf(RecordsClock.today(clock));
        Set<String> recordIds = new HashSet<>();
        Set<String> goalIds = new HashSet<>();
        Map<Mission, Optional<RecordIndex.RecordEntry>> latest = new TreeMap<>();
        Map<Mission, List<RecordIndex.GoalEntry>> open = new TreeMap<>();
        Map<Mission, Optional<Due>> due = new TreeMap<>();
        for (Mission mission : Mission.values()) {
            latest.put(mission, live(summary, mission).max(Comparator.comparing(RecordIndex.RecordEntry::createdAt)
                    .thenComparing(RecordIndex.RecordEntry::id)));
            open.put(mission, openGoals(summary, mission).toList());
            due.put(mission, nextDue(summary, mission, now, today));
            latest.get(mission).ifPresent(e -> recordIds.add(e.id()));
            open.get(mission).stream().limit(OPEN_GOALS_SHOWN).forEach(g -> goalIds.add(g.id()));
            due.get(mission).ifPresent(d -> {
                Optional.ofNullable(d.recordId()).ifPresent(recordIds::add);
                Optional.ofNullable(d.goalId()).ifPresent(goalIds::add);
            });
        }
        Map<String, LifeRecord> loadedRecords = recordIds.isEmpty() ? Map.of() : records.byIds(List.copyOf(recordIds));
        Map<String, Goal> loadedGoals = goalIds.isEmpty() ? Map.of() : goals.byIds(List.copyOf(goalIds));
        List<MissionOverview> missions = new ArrayList<>();
        for (Mission mission : Mission.values()) {
            List<KindCount> counts = new ArrayList<>();
            for (RecordKind kind : RecordKind.values()) {
                long count = live(summary, mission).filter(e -> e.kind() == kind).count();
                if (count > 0) {
                    counts.add(new KindCount(kind, (int) count));
                }
            }
            List<RecordIndex.GoalEntry> openGoals = open.get(mission);
            missions.add(new MissionOverview(mission, counts.stream().mapToInt(KindCount::count).sum(), counts,
                    latest.get(mission).map(e -> loadedRecords.get(e.id())).orElse(null), openGoals.size(),
                    openGoals.stream().limit(OPEN_GOALS_SHOWN).map(g -> loadedGoals.get(g.id()))
                            .filter(g -> g != null).toList(),
                    due.get(mission).map(d -> new DueItem(d.title(), d.at(),
                            d.recordId() == null ? null : loadedRecords.get(d.recordId()),
                            d.goalId() == null ? null : loadedGoals.get(d.goalId()))).orElse(null),
                    summary.missionShared(mission)));
        }
        return new MissionSummary(missions, review(summary.pathwayReview()));
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

    private static java.util.stream.Stream<RecordIndex.RecordEntry> live(RecordIndex.Summary summary,
                                                                         Mission mission) {
        return summary.records().values().stream().filter(e -> !e.deleted() && e.mission() == mission);
    }

    private static java.util.stream.Stream<RecordIndex.GoalEntry> openGoals(RecordIndex.Summary summary,
                                                                            Mission mission) {
        return summary.goals().values().stream()
                .filter(g -> g.mission() == mission && g.status() == Goal.GoalStatus.ACTIVE)
                .sorted(Comparator.comparing(RecordIndex.GoalEntry::dueAt,
                        Comparator.nullsLast(Comparator.naturalOrder())).thenComparing(RecordIndex.GoalEntry::id));
    }

    private static Optional<Due> nextDue(RecordIndex.Summary summary, Mission mission, Instant now, Instant today) {
        var fromRecords = live(summary, mission).filter(e -> e.dueAt() != null && !e.dueAt().isBefore(
                e.kind().dueField().filter("startsAt"::equals).isPresent() ? now : today))
                .map(e -> new Due(e.title(), e.dueAt(), e.id(), null));
        var fromGoals = openGoals(summary, mission).filter(g -> g.dueAt() != null && !g.dueAt().isBefore(today))
                .map(g -> new Due(g.title(), g.dueAt(), null, g.id()));
        return java.util.stream.Stream.concat(fromRecords, fromGoals).min(Comparator.comparing(Due::at));
    }
}
