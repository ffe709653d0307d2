package app.alongside.records;

import app.alongside.platform.core.Connections;
import app.alongside.platform.core.GlobalIds;
import app.alongside.platform.core.Input;
import app.alongside.platform.core.Payloads;
import app.alongside.platform.core.RequestContext;
import app.alongside.platform.graphql.Nodes;
import app.alongside.platform.graphql.Wiring;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import static app.alongside.records.RecordsWiring.GOAL_HISTORY_LOADER;
import static app.alongside.records.RecordsWiring.history;
import static app.alongside.records.RecordsWiring.index;
import static app.alongside.records.RecordsWiring.mission;
import static app.alongside.records.RecordsWiring.orStale;
import static app.alongside.records.RecordsWiring.youngPerson;

/** Wires the goals half of {@code records.graphqls}: goals, their steps and comments, and their mutations. */
public final class GoalsWiring {
    /** Payload of {@code createGoal}. */
    public record CreateGoalPayload(Goal goal, List<Connections.UserError> userErrors, String clientMutationId) {
    }

    /** Payload of {@code updateGoal}. */
    public record UpdateGoalPayload(Goal goal, Goal currentGoal, List<Connections.UserError> userErrors) {
    }

    /** Payload of {@code completeGoalStep}. */
    public record GoalPayload(Goal goal, List<Connections.UserError> userErrors) {
    }

    /** Payload of {@code commentOnGoal}. */
    public record CommentPayload(Goal goal, List<Connections.UserError> userErrors, String clientMutationId) {
    }

    private GoalsWiring() {
    }

    static void register(Wiring wiring, Nodes nodes, RecordsWiring.Services services, int maxPage) {
        nodes.register(Goal.TYPE, (ids, context) -> services.goals().load(context, ids),
                new Nodes.Stored(GoalRepository.COLLECTION, "ownerId"));
        registerParts(wiring, nodes, services);
        wiring.backedBy("GoalConnection", Connections.Connection.class)
                .backedBy("GoalEdge", Connections.Edge.class)
                .backedBy("GoalComment", Goal.Comment.class)
                .backedBy("GoalStep", Goal.Step.class)
                .backedBy("CreateGoalPayload", CreateGoalPayload.class)
                .backedBy("UpdateGoalPayload", UpdateGoalPayload.class)
                .backedBy("CompleteGoalStepPayload", GoalPayload.class)
                .backedBy("CommentOnGoalPayload", CommentPayload.class)
                .fetcher("GoalStep", "done", env -> ((Goal.Step) env.getSource()).done())
                .nodeType(Goal.TYPE, Goal.class, Goal::id)
                .fetcher(Goal.TYPE, "progressPercent", env -> ((Goal) env.getSource()).progressPercent())
                .fetcher(Goal.TYPE, "sharedWithAdvocate", env -> index(env, ((Goal) env.getSource()).ownerId())
                        .thenApply(summary -> ((Goal) env.getSource()).sharedWithAdvocate(summary)))
                .fetcher(Goal.TYPE, "history", env -> history(env, GOAL_HISTORY_LOADER, ((Goal) env.getSource()).id()));
        wiring.fetcher("Query", "myGoals", env -> services.goals().mine(RequestContext.of(env), mission(env),
                        Optional.ofNullable((String) env.getArgument("status")).map(Goal.GoalStatus::valueOf),
                        Connections.Page.of(env, maxPage)))
                .fetcher("Query", "sharedGoals", env -> services.goals().shared(RequestContext.of(env),
                        youngPerson(env), Connections.Page.of(env, maxPage)));
        registerMutations(wiring, services);
    }

    /**
     * A goal's steps and comments are nodes too: their global ids join the goal's id and their own, and
     * {@code node(id:)} shows them to whoever may see the goal.
     */
    private static void registerParts(Wiring wiring, Nodes nodes, RecordsWiring.Services services) {
        Nodes.Stored inGoal = new Nodes.Stored(GoalRepository.COLLECTION, "ownerId",
                id -> Goal.partOf(id).map(part -> part[0]).orElse(id));
        nodes.register(Goal.Step.TYPE, (ids, context) -> goalParts(services, context, ids, Goal::steps,
                        Goal.Step::id), inGoal)
                .register(Goal.Comment.TYPE, (ids, context) -> goalParts(services, context, ids, Goal::comments,
                        Goal.Comment::id), inGoal);
        wiring.fetcher(Goal.Step.TYPE, "id", env -> {
            Goal.Step step = env.getSource();
            return GlobalIds.encode(Goal.Step.TYPE, Goal.nodeId(step.goalId(), step.id()));
        }).fetcher(Goal.Comment.TYPE, "id", env -> {
            Goal.Comment comment = env.getSource();
            return GlobalIds.encode(Goal.Comment.TYPE, Goal.nodeId(comment.goalId(), comment.id()));
        });
    }

    private static <T> Map<String, Object> goalParts(RecordsWiring.Services services, RequestContext context,
                                                     List<String> ids, Function<Goal, List<T>> parts,
                                                     Function<T, String> partId) {
        List<String> goalIds = ids.stream().flatMap(id -> Goal.partOf(id).stream()).map(part -> part[0])
                .distinct().toList();
        Map<String, Object> goals = goalIds.isEmpty() ? Map.of() : services.goals().load(context, goalIds);
        Map<String, Object> visible = new HashMap<>();
        for (String id : ids) {
            Goal.partOf(id).filter(part -> goals.get(part[0]) instanceof Goal).ifPresent(part ->
                    parts.apply((Goal) goals.get(part[0])).stream().filter(p -> partId.apply(p).equals(part[1]))
                            .findFirst().ifPresent(p -> visible.put(id, p)));
        }
        return visible;
    }

    private static void registerMutations(Wiring wiring, RecordsWiring.Services services) {
        GoalsService goals = services.goals();
        wiring.fetcher("Mutation", "createGoal", env -> {
            Input input = Input.of(env);
            String id = input.clientMutationId().orElse(null);
            return Payloads.run(() -> new CreateGoalPayload(goals.create(RequestContext.of(env), input), List.of(),
                    id), errors -> new CreateGoalPayload(null, errors, id));
        }).fetcher("Mutation", "updateGoal", env -> orStale(
                () -> new UpdateGoalPayload(goals.update(RequestContext.of(env), Input.of(env)), null, List.of()),
                (errors, current) -> new UpdateGoalPayload(null, (Goal) current, errors))
        ).fetcher("Mutation", "completeGoalStep", env -> Payloads.run(() -> new GoalPayload(
                goals.completeStep(RequestContext.of(env), Input.of(env)), List.of()), e -> new GoalPayload(null, e))
        ).fetcher("Mutation", "commentOnGoal", env -> {
            Input input = Input.of(env);
            String id = input.clientMutationId().orElse(null);
            return Payloads.run(() -> new CommentPayload(goals.comment(RequestContext.of(env), input), List.of(),
                    id), errors -> new CommentPayload(null, errors, id));
        });
    }
}
