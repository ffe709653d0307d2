package app.alongside.records;

import app.alongside.audit.AuditAction;
import app.alongside.audit.AuditEvent;
import app.alongside.audit.AuditLog;
import app.alongside.kernel.Principal;
import app.alongside.platform.core.ApiException;
import app.alongside.platform.core.Connections;
import app.alongside.platform.core.ErrorCode;
import app.alongside.platform.core.GlobalIds;
import app.alongside.platform.core.Ids;
import app.alongside.platform.core.Input;
import app.alongside.platform.core.RequestContext;
import app.alongside.platform.store.Idempotency;
import app.alongside.platform.store.Mongo;
import app.alongside.push.PushOutbox;
import com.mongodb.MongoWriteException;
import org.bson.Document;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Goals per mission: steps, target dates and progress, set by the young person; comments from them and from an
 * advocate the goal is shared with.
 */
public final class GoalsService {
    static final int MAX_STEPS = 50;
    static final int NUDGE_DAYS_BEFORE = 2;
    static final int MAX_COMMENTS = 500;
    static final List<String> STATE_KEYS = List.of("mission", "title", "description", "targetDate", "status",
            "progressPercent", "steps", "visibility", "comments");

    private final GoalRepository goals;
    private final RecordIndex index;
    private final RecordsPolicy policy;
    private final AuditLog audit;
    private final Idempotency idempotency;
    private final Function<String, Optional<String>> staffNames;
    private final Clock clock;

    public GoalsService(GoalRepository goals, RecordIndex index, RecordsPolicy policy, AuditLog audit,
                 Idempotency idempotency, Function<String, Optional<String>> staffNames, Clock clock) {
        this.goals = goals;
        this.index = index;
        this.policy = policy;
        this.audit = audit;
        this.idempotency = idempotency;
        this.staffNames = staffNames;
        this.clock = clock;
    }

    Goal create(RequestContext context, Input input) {
        String owner = policy.requireOwner(context.principal());
        Mission mission = input.requiredEnum("mission", Mission.class);
        String title = input.text("title", 1, 200);
        String description = input.optionalText("description", 2000).orElse(null);
        LocalDate targetDate = futureDate(input, "targetDate").orElse(null);
        List<Goal.Step> steps = steps(input, "steps", MAX_STEPS);
        Visibility visibility = input.optionalEnum("visibility", Visibility.class).orElse(Visibility.PRIVATE);
        Idempotency.Claim claim = idempotency.claim("createGoal", context.principal().key(),
                input.clientMutationId(), input.fingerprint());
        if (!claim.fresh()) {
            Optional<Document> first = goals.find(claim.id());
            if (first.isPresent()) {
                return GoalRepository.fromDocument(first.get());
            }
        }
        Instant now = clock.instant();
        Goal goal = new Goal(claim.id(), owner, mission, title, description, targetDate, Goal.GoalStatus.ACTIVE, 0,
                steps.stream().map(s -> s.inGoal(claim.id())).toList(), List.of(), visibility, 1, now, now);
        Document doc = GoalRepository.state(goal).append("_id", goal.id()).append("ownerId", owner)
                .append("comments", List.of()).append("version", 1).append("createdAt", Date.from(now))
                .append("updatedAt", Date.from(now)).append("history", List.of(Histories.entry(1,
                        Histories.Change.CREATED, context.principal(), now, new Document())));
        nudgeAt(goal, now).ifPresent(at -> doc.append(PushOutbox.FIELD, PushOutbox.pending(at)));
        try {
            goals.insert(doc);
        } catch (MongoWriteException e) {
            if (!Mongo.isDuplicateKey(e)) {
                throw e;
            }
            return goals.find(goal.id()).map(GoalRepository::fromDocument).orElseThrow(() -> e);
        }
        audit.record(context, AuditAction.CREATE, Goal.TYPE, goal.id(), owner, mission.name());
        return goal;
    }

    Goal update(RequestContext context, Input input) {
        String owner = policy.requireOwner(context.principal());
        Goal current = own(owner, input.id("id", Goal.TYPE), input, "id");
        int version = input.optionalInt("version", 1, Integer.MAX_VALUE).orElseThrow();
        if (version != current.version()) {
            throw new StaleVersion(current, current.version());
        }
        List<Goal.Step> steps = new ArrayList<>(current.steps());
        steps.addAll(steps(input, "addSteps", MAX_STEPS - current.steps().size()).stream()
                .map(s -> s.inGoal(current.id())).toList());
        Optional<Integer> progress = input.optionalInt("progressPercent", 0, 100);
        if (progress.isPresent() && !steps.isEmpty()) {
            throw ApiException.badInput(input.at("progressPercent"),
                    "This goal has steps: its progress follows them.");
        }
        Goal updated = new Goal(current.id(), owner, current.mission(),
                input.has("title") ? input.text("title", 1, 200) : current.title(),
                input.has("description") ? input.optionalText("description", 2000).orElse(null)
                        : current.description(),
                futureDate(input, "targetDate").orElse(current.targetDate()),
                input.optionalEnum("status", Goal.GoalStatus.class).orElse(current.status()),
                progress.orElse(current.manualProgress()), steps, current.comments(), current.visibility(),
                version + 1, current.createdAt(), clock.instant());
        return save(context, current, updated, Histories.Change.UPDATED, "updated");
    }

    Goal completeStep(RequestContext context, Input input) {
        String owner = policy.requireOwner(context.principal());
        Goal current = own(owner, input.id("goalId", Goal.TYPE), input, "goalId");
        String stepId = localStepId(current.id(), input.text("stepId", 1, 400));
        boolean done = input.optionalBoolean("done").orElse(true);
        if (current.steps().stream().noneMatch(s -> s.id().equals(stepId))) {
            throw new ApiException(ErrorCode.NOT_FOUND, "This goal has no step with that id.", input.at("stepId"),
                    Map.of());
        }
        Instant now = clock.instant();
        List<Goal.Step> steps = current.steps().stream().map(s -> !s.id().equals(stepId) || s.done() == done ? s
                : new Goal.Step(s.goalId(), s.id(), s.title(), s.targetDate(), done ? now : null)).toList();
        Goal updated = new Goal(current.id(), owner, current.mission(), current.title(), current.description(),
                current.targetDate(), current.status(), current.manualProgress(), steps, current.comments(),
                current.visibility(), current.version() + 1, current.createdAt(), now);
        return save(context, current, updated, Histories.Change.UPDATED, done ? "step done" : "step not done");
    }

    Goal share(RequestContext context, String id, boolean shared, Input input) {
        String owner = policy.requireOwner(context.principal());
        Goal current = own(owner, id, input, "id");
        Visibility visibility = shared ? Visibility.SHARED_WITH_ADVOCATE : Visibility.PRIVATE;
        Goal updated = new Goal(current.id(), owner, current.mission(), current.title(), current.description(),
                current.targetDate(), current.status(), current.manualProgress(), current.steps(),
                current.comments(), visibility, current.version() + 1, current.createdAt(), clock.instant());
        return save(context, current, updated, shared ? Histories.Change.SHARED : Histories.Change.UNSHARED,
                shared ? "shared with advocate" : "stopped sharing with advocate");
    }

    /** The owner, or an advocate the goal is shared with, adds a comment; a retried clientMutationId adds none. */
    Goal comment(RequestContext context, Input input) {
        String id = input.id("goalId", Goal.TYPE);
        Goal current = goals.find(id).map(GoalRepository::fromDocument).filter(g -> mayComment(context, g))
                .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "No goal you can see has that id.",
                        input.at("goalId"), Map.of()));
        String body = input.text("body", 1, 2000);
        Idempotency.Claim claim = idempotency.claim("commentOnGoal", context.principal().key(),
                input.clientMutationId(), input.fingerprint());
        if (!claim.fresh() && current.comments().stream().anyMatch(c -> c.id().equals(claim.id()))) {
            return current;
        }
        if (current.comments().size() >= MAX_COMMENTS) {
            throw ApiException.badInput(input.at("body"), "This goal has as many comments as it can hold.");
        }
        Instant now = clock.instant();
        Goal.Comment comment = switch (context.principal()) {
            case Principal.Staff staff -> new Goal.Comment(current.id(), claim.id(), AuditEvent.ActorKind.STAFF,
                    staff.staffId(), staffNames.apply(staff.staffId()).orElse("Your advocate"), body, now);
            default -> new Goal.Comment(current.id(), claim.id(), AuditEvent.ActorKind.YOUNG_PERSON,
                    current.ownerId(), null, body, now);
        };
        List<Goal.Comment> comments = new ArrayList<>(current.comments());
        comments.add(comment);
        if (!goals.update(id, current.ownerId(), current.version(), GoalRepository.commented(comment, now),
                Histories.entry(current.version() + 1, Histories.Change.UPDATED, context.principal(), now,
                        new Document("comments", current.comments().stream().map(GoalRepository::comment)
                                .toList())))) {
            throw ApiException.conflict("The goal changed at the same moment; send the comment again.");
        }
        audit.record(context, AuditAction.UPDATE, Goal.TYPE, id, current.ownerId(), "comment");
        return new Goal(current.id(), current.ownerId(), current.mission(), current.title(), current.description(),
                current.targetDate(), current.status(), current.manualProgress(), current.steps(), comments,
                current.visibility(), current.version() + 1, current.createdAt(), now);
    }

    Connections.Connection<Goal> mine(RequestContext context, Optional<Mission> mission,
                                      Optional<Goal.GoalStatus> status, Connections.Page page) {
        String owner = policy.requireOwner(context.principal());
        return page(goals.newestOwn(owner, mission, status, page.after(), page.first() + 1), page);
    }

    /** Per mission, all its goals if the mission is shared, else those shared one by one. */
    Connections.Connection<Goal> shared(RequestContext context, String youngPersonId, Connections.Page page) {
        policy.requireAdvocateOf(context, youngPersonId, Goal.TYPE);
        RecordIndex.Summary summary = index.find(youngPersonId);
        Map<Mission, Boolean> missions = new EnumMap<>(Mission.class);
        for (Mission mission : Mission.values()) {
            missions.put(mission, summary.missionShared(mission));
        }
        Connections.Connection<Goal> found = page(goals.newestShared(youngPersonId, missions, page.after(),
                page.first() + 1), page);
        audit.recordReadsOf(context, Goal.TYPE, youngPersonId, found.nodes().stream().map(Goal::id).toList(),
                "shared goals");
        return found;
    }

    private static Connections.Connection<Goal> page(List<Document> newest, Connections.Page page) {
        List<Goal> found = newest.stream().map(GoalRepository::fromDocument).toList();
        return Connections.page(found, page, page.after().isPresent(),
                g -> Connections.newestKey(g.createdAt(), g.id()));
    }

    /** Goals by id the caller may see: their own, or shared with them as an advocate (audited). */
    Map<String, Object> load(RequestContext context, List<String> ids) {
        Principal principal = context.principal();
        Map<String, Object> visible = new LinkedHashMap<>();
        Map<String, Document> docs = goals.findByIds(ids, false);
        List<String> owners = docs.values().stream().map(d -> d.getString("ownerId")).distinct().toList();
        Map<String, RecordIndex.Summary> summaries = principal instanceof Principal.Staff
                ? index.findByIds(owners) : Map.of();
        for (Document doc : docs.values()) {
            Goal goal = GoalRepository.fromDocument(doc);
            if (RecordsPolicy.isOwner(principal, goal.ownerId())) {
                visible.put(goal.id(), goal);
            } else if (policy.advocateSees(principal, goal.ownerId())
                    && goal.sharedWithAdvocate(summaries.get(goal.ownerId()))) {
                visible.put(goal.id(), goal);
                audit.recordReadsOf(context, Goal.TYPE, goal.ownerId(), List.of(goal.id()), "goal");
            }
        }
        return visible;
    }

    Map<String, List<Histories.Version>> history(RequestContext context, List<String> ids) {
        Map<String, List<Histories.Version>> found = new LinkedHashMap<>();
        goals.findByIds(ids, true).forEach((id, doc) -> {
            if (RecordsPolicy.isOwner(context.principal(), doc.getString("ownerId"))) {
                found.put(id, Histories.versions(doc, STATE_KEYS));
            }
        });
        return found;
    }

    /** The young person's active goals: what the home screen shows of goals. */
    List<Goal> active(String owner) {
        return goals.active(owner);
    }

    private boolean mayComment(RequestContext context, Goal goal) {
        if (RecordsPolicy.isOwner(context.principal(), goal.ownerId())) {
            return true;
        }
        boolean shared = goal.sharedWithAdvocate(index.find(goal.ownerId()));
        if (shared && policy.advocateSees(context.principal(), goal.ownerId())) {
            return true;
        }
        policy.denied(context, Goal.TYPE, goal.id(), goal.ownerId());
        return false;
    }

    private Goal save(RequestContext context, Goal current, Goal updated, Histories.Change change, String detail) {
        Document before = Histories.changed(GoalRepository.state(current), GoalRepository.state(updated));
        if (before.isEmpty()) {
            return current;
        }
        if (!goals.update(current.id(), current.ownerId(), current.version(),
                GoalRepository.edited(updated, before.keySet(), nudgeAt(updated, updated.updatedAt())),
                Histories.entry(current.version() + 1, change, context.principal(), updated.updatedAt(), before))) {
            Goal latest = goals.find(current.id()).map(GoalRepository::fromDocument).orElse(current);
            throw new StaleVersion(latest, latest.version());
        }
        audit.record(context, AuditAction.UPDATE, Goal.TYPE, current.id(), current.ownerId(), detail);
        return updated;
    }

    /**
     * When the nudge for an active goal's target date is due: 09:00 UK time two days before it, if that is still
     * to come. It goes only to young people who turned goal nudges on (off by default: the Children's Code).
     */
    static Optional<Instant> nudgeAt(Goal goal, Instant now) {
        if (goal.status() != Goal.GoalStatus.ACTIVE || goal.targetDate() == null) {
            return Optional.empty();
        }
        Instant at = RecordsClock.nineOn(goal.targetDate().minusDays(NUDGE_DAYS_BEFORE));
        return at.isAfter(now) ? Optional.of(at) : Optional.empty();
    }

    private Goal own(String owner, String id, Input input, String field) {
        return goals.find(id).map(GoalRepository::fromDocument).filter(g -> g.ownerId().equals(owner))
                .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "No goal of yours has that id.",
                        input.at(field), Map.of()));
    }

    private Optional<LocalDate> futureDate(Input input, String name) {
        Optional<LocalDate> date = input.optionalDate(name);
        if (date.isPresent() && date.get().isBefore(RecordsClock.today(clock))) {
            throw ApiException.badInput(input.at(name), "Must not be in the past.");
        }
        return date;
    }

    /** A step's id within its goal, from its global id or (as apps sent before schema 0.3) that id itself. */
    private static String localStepId(String goalId, String sent) {
        return GlobalIds.decode(sent).filter(d -> d.type().equals(Goal.Step.TYPE))
                .flatMap(d -> Goal.partOf(d.id())).filter(part -> part[0].equals(goalId)).map(part -> part[1])
                .orElse(sent);
    }

    private List<Goal.Step> steps(Input input, String name, int max) {
        return input.nestedList(name, Math.max(max, 0)).map(items -> items.stream().map(item -> new Goal.Step(null,
                Ids.random(), item.text("title", 1, 200), futureDate(item, "targetDate").orElse(null), null))
                .toList()).orElse(List.of());
    }
}
