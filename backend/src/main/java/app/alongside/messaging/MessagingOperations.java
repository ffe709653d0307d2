package app.alongside.messaging;

import app.alongside.platform.core.Connections;
import app.alongside.platform.core.Input;
import app.alongside.platform.core.Payloads;
import app.alongside.platform.core.RequestContext;
import app.alongside.platform.graphql.Wiring;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The root fields of {@code messaging.graphqls}: its queries, mutations (with their payloads) and subscriptions. */
final class MessagingOperations {
    /** Payload of {@code setAdvocacyChoice} and {@code allocateAdvocate}. */
    public record AdvocacyPayload(Advocacy advocacy, List<Connections.UserError> userErrors) {
    }

    /** Payload of {@code updateAdvocacyService}. */
    public record ServicePayload(Records.ServiceInfo service, List<Connections.UserError> userErrors) {
    }

    /** Payload of {@code sendMessage}. */
    public record SendPayload(Message message, MessageThread thread, Records.UrgentHelp urgentHelp,
                              List<Connections.UserError> userErrors) {
    }

    /** Payload of {@code editMessage}. */
    public record EditPayload(Message message, Records.UrgentHelp urgentHelp, List<Connections.UserError> userErrors) {
    }

    /** Payload of {@code deleteMessage}. */
    public record MessagePayload(Message message, List<Connections.UserError> userErrors) {
    }

    /** Payload of {@code markThreadRead} and {@code assignThread}. */
    public record ThreadPayload(MessageThread thread, List<Connections.UserError> userErrors) {
    }

    /** Payload of {@code openThread}. */
    public record OpenThreadPayload(MessageThread thread, List<Connections.UserError> userErrors,
                                    String clientMutationId) {
    }

    /** Payload of {@code setSafeguardingPhrases}. */
    public record PhrasesPayload(Records.PhraseList list, List<Connections.UserError> userErrors) {
    }

    /** Payload of {@code raiseSafeguardingConcern}. */
    public record ConcernPayload(Records.Concern concern, List<Connections.UserError> userErrors,
                                 String clientMutationId) {
    }

    private MessagingOperations() {
    }

    static void register(Wiring wiring, MessagingWiring.Parts parts) {
        wiring.backedBy("SetAdvocacyChoicePayload", AdvocacyPayload.class)
                .backedBy("AllocateAdvocatePayload", AdvocacyPayload.class)
                .backedBy("UpdateAdvocacyServicePayload", ServicePayload.class)
                .backedBy("SendMessagePayload", SendPayload.class)
                .backedBy("EditMessagePayload", EditPayload.class)
                .backedBy("DeleteMessagePayload", MessagePayload.class)
                .backedBy("MarkThreadReadPayload", ThreadPayload.class)
                .backedBy("AssignThreadPayload", ThreadPayload.class)
                .backedBy("OpenThreadPayload", OpenThreadPayload.class)
                .backedBy("SetSafeguardingPhrasesPayload", PhrasesPayload.class)
                .backedBy("RaiseSafeguardingConcernPayload", ConcernPayload.class);
        registerQueries(wiring, parts);
        registerMutations(wiring, parts);
        wiring.fetcher("Subscription", "messageAdded", env -> parts.live().messageAdded(RequestContext.of(env),
                        env.getArgument("threadId")))
                .fetcher("Subscription", "inboxChanged", env -> parts.live().inboxChanged(RequestContext.of(env)));
    }

    private static void registerQueries(Wiring wiring, MessagingWiring.Parts parts) {
        wiring.fetcher("Query", "myAdvocacy", env -> parts.advocacy().mine(RequestContext.of(env)))
                .fetcher("Query", "messages", env -> parts.conversations().page(RequestContext.of(env),
                        env.getArgument("threadId"), env.getArgument("first"), env.getArgument("after"),
                        env.getArgument("last"), env.getArgument("before"), parts.maxPage()))
                .fetcher("Query", "advocacyInbox", env -> parts.conversations().inbox(RequestContext.of(env),
                        env.getArgument("filter"), Connections.Page.of(env, parts.maxPage())))
                .fetcher("Query", "advocacyAllocations", env -> parts.advocacy().pending(RequestContext.of(env),
                        Boolean.TRUE.equals(env.getArgument("overdueOnly")), Connections.Page.of(env,
                                parts.maxPage())))
                .fetcher("Query", "advocacyFigures", env -> parts.advocacy().figures(RequestContext.of(env),
                        (Instant) env.getArgument("since")))
                .fetcher("Query", "safeguardingPhrases", env -> parts.safeguarding().list(RequestContext.of(env),
                        Optional.ofNullable(env.getArgument("serviceId"))))
                .fetcher("Query", "safeguardingConcerns", env -> parts.safeguarding().concerns(
                        RequestContext.of(env), env.getArgument("threadId")));
    }

    private static void registerMutations(Wiring wiring, MessagingWiring.Parts parts) {
        wiring.fetcher("Mutation", "setAdvocacyChoice", env -> Payloads.run(() -> new AdvocacyPayload(
                        parts.advocacy().setChoice(RequestContext.of(env), Input.of(env)), List.of()),
                        e -> new AdvocacyPayload(null, e)))
                .fetcher("Mutation", "allocateAdvocate", env -> Payloads.run(() -> new AdvocacyPayload(
                        parts.advocacy().allocate(RequestContext.of(env), Input.of(env)), List.of()),
                        e -> new AdvocacyPayload(null, e)))
                .fetcher("Mutation", "updateAdvocacyService", env -> Payloads.run(() -> new ServicePayload(
                        parts.advocacy().updateService(RequestContext.of(env), Input.of(env)), List.of()),
                        e -> new ServicePayload(null, e)))
                .fetcher("Mutation", "sendMessage", env -> Payloads.run(() -> {
                    MessagingService.Sent sent = parts.messaging().send(RequestContext.of(env), Input.of(env));
                    return new SendPayload(sent.message(), sent.thread(), sent.urgentHelp(), List.of());
                }, e -> new SendPayload(null, null, null, e)))
                .fetcher("Mutation", "editMessage", env -> Payloads.run(() -> {
                    MessagingService.Sent edited = parts.messaging().edit(RequestContext.of(env), Input.of(env));
                    return new EditPayload(edited.message(), edited.urgentHelp(), List.of());
                }, e -> new EditPayload(null, null, e)))
                .fetcher("Mutation", "deleteMessage", env -> Payloads.run(() -> new MessagePayload(
                        parts.messaging().delete(RequestContext.of(env), Input.of(env)), List.of()),
                        e -> new MessagePayload(null, e)))
                .fetcher("Mutation", "markThreadRead", env -> Payloads.run(() -> new ThreadPayload(
                        parts.conversations().markRead(RequestContext.of(env), Input.of(env)), List.of()),
                        e -> new ThreadPayload(null, e)))
                .fetcher("Mutation", "assignThread", env -> Payloads.run(() -> new ThreadPayload(
                        parts.conversations().assign(RequestContext.of(env), Input.of(env)), List.of()),
                        e -> new ThreadPayload(null, e)))
                .fetcher("Mutation", "openThread", env -> {
                    Input input = Input.of(env);
                    String id = input.clientMutationId().orElse(null);
                    return Payloads.run(() -> new OpenThreadPayload(parts.conversations().open(RequestContext.of(env),
                            input), List.of(), id), e -> new OpenThreadPayload(null, e, id));
                })
                .fetcher("Mutation", "setSafeguardingPhrases", env -> Payloads.run(() -> new PhrasesPayload(
                        parts.safeguarding().setPhrases(RequestContext.of(env), Input.of(env)), List.of()),
                        e -> new PhrasesPayload(null, e)))
                .fetcher("Mutation", "raiseSafeguardingConcern", env -> {
                    Input input = Input.of(env);
                    String id = input.clientMutationId().orElse(null);
                    return Payloads.run(() -> new ConcernPayload(parts.safeguarding().raise(RequestContext.of(env),
                            input), List.of(), id), e -> new ConcernPayload(null, e, id));
                });
    }
}
