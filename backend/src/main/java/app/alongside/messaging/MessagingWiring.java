package app.alongside.messaging;

import app.alongside.audit.AuditLog;
import app.alongside.kernel.Principal;
import app.alongside.identity.StaffMember;
import app.alongside.identity.StaffRepository;
import app.alongside.kernel.StaffRole;
import app.alongside.identity.YoungPeopleService;
import app.alongside.identity.YoungPerson;
import app.alongside.identity.YoungPersonRepository;
import app.alongside.organisations.Organisation;
import app.alongside.platform.Connections;
import app.alongside.platform.DataLoaders;
import app.alongside.platform.GlobalIds;
import app.alongside.platform.Input;
import app.alongside.platform.Nodes;
import app.alongside.platform.Payloads;
import app.alongside.platform.RequestContext;
import app.alongside.platform.Wiring;
import graphql.schema.DataFetchingEnvironment;
import org.dataloader.DataLoader;
import org.dataloader.DataLoaderFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/** Wires {@code messaging.graphqls}: advocacy, threads, messages, safeguarding and the subscriptions. */
public final class MessagingWiring {
    static final String STAFF_NAMES = "messaging:staffName";
    static final String YOUNG_PERSON_NAMES = "messaging:youngPersonName";
    static final String YOUNG_PEOPLE = "messaging:youngPerson";
    static final String SERVICES = "messaging:service";

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

    /** What the wiring needs from the rest of the application. */
    public record Parts(AdvocacyService advocacy, MessagingService messaging, Safeguarding safeguarding,
                        LiveEvents live, MessagingPolicy policy, YoungPeopleService youngPeople,
                        YoungPersonRepository people, StaffRepository staff, AuditLog audit, int maxPage) {
    }

    private MessagingWiring() {
    }

    public static void register(Wiring wiring, Nodes nodes, DataLoaders loaders, Parts parts) {
        registerLoaders(loaders, parts);
        registerNodes(nodes, parts);
        registerTypes(wiring, parts);
        registerQueries(wiring, parts);
        registerMutations(wiring, parts);
        wiring.fetcher("Subscription", "messageAdded", env -> parts.live().messageAdded(RequestContext.of(env),
                        env.getArgument("threadId")))
                .fetcher("Subscription", "inboxChanged", env -> parts.live().inboxChanged(RequestContext.of(env)));
    }

    private static void registerLoaders(DataLoaders loaders, Parts parts) {
        loaders.register(STAFF_NAMES, context -> DataLoaderFactory.<String, String>newMappedDataLoader(ids ->
                        CompletableFuture.supplyAsync(() -> parts.staff().findByIds(ids).values().stream()
                                .collect(Collectors.toMap(StaffMember::id, StaffMember::name)), Runnable::run)))
                .register(YOUNG_PERSON_NAMES, context -> DataLoaderFactory.<String, String>newMappedDataLoader(ids ->
                        CompletableFuture.supplyAsync(() -> parts.people().findByIds(ids).values().stream()
                                .collect(Collectors.toMap(YoungPerson::id, p -> p.preferredName() != null
                                        ? p.preferredName() : p.firstName())), Runnable::run)))
                .register(YOUNG_PEOPLE, context -> DataLoaderFactory.<String, Object>newMappedDataLoader(ids ->
                        CompletableFuture.supplyAsync(() -> parts.youngPeople().load(context, ids), Runnable::run)))
                .register(SERVICES, context -> DataLoaderFactory.<String, Records.ServiceInfo>newMappedDataLoader(
                        ids -> CompletableFuture.supplyAsync(() -> ids.stream()
                                .flatMap(id -> parts.advocacy().service(id).stream())
                                .collect(Collectors.toMap(Records.ServiceInfo::id, s -> s)), Runnable::run)));
    }

    private static void registerNodes(Nodes nodes, Parts parts) {
        nodes.register(MessageThread.TYPE, (ids, context) -> {
            Map<String, Object> visible = new java.util.HashMap<>();
            parts.messaging().threadsByIds(ids).values().stream()
                    .filter(t -> parts.policy().canSee(context.principal(), t)).forEach(t -> visible.put(t.id(), t));
            auditStaffReads(parts, context, MessageThread.TYPE, visible.values().stream()
                    .map(t -> ((MessageThread) t).youngPersonId()).toList());
            return visible;
        }, new Nodes.Stored(ThreadRepository.COLLECTION, "youngPersonId")).register(Message.TYPE, (ids, context) -> {
            Map<String, Message> found = parts.messaging().messagesByIds(ids);
            Map<String, MessageThread> threads = parts.messaging().threadsByIds(found.values().stream()
                    .map(Message::threadId).distinct().toList());
            Map<String, Object> visible = new java.util.HashMap<>();
            found.values().stream().filter(m -> threads.containsKey(m.threadId())
                            && parts.policy().canSee(context.principal(), threads.get(m.threadId())))
                    .forEach(m -> visible.put(m.id(), m));
            auditStaffReads(parts, context, Message.TYPE, visible.values().stream()
                    .map(m -> ((Message) m).youngPersonId()).toList());
            return visible;
        }, new Nodes.Stored(MessageRepository.COLLECTION, "youngPersonId")).register(Advocacy.TYPE, (ids, context) -> {
            Map<String, Object> visible = new java.util.HashMap<>();
            parts.advocacy().findByIds(ids).values().stream().filter(a -> canSeeAdvocacy(parts, context, a))
                    .forEach(a -> visible.put(a.youngPersonId(), a));
            auditStaffReads(parts, context, Advocacy.TYPE, List.copyOf(visible.keySet()));
            return visible;
        }, new Nodes.Stored(AdvocacyRepository.COLLECTION, "_id"))
                .register(Records.ServiceInfo.TYPE, (ids, context) -> services(parts, context, ids),
                        new Nodes.Stored("organisations", null))
                .register(Records.Advocate.TYPE, (ids, context) -> advocates(parts, context, ids),
                        new Nodes.Stored("staff", null));
    }

    /**
     * Advocacy services as {@code Advocacy.service} and {@code MessageThread.service} show them: to the young
     * people a service serves, its own staff, and admins.
     */
    private static Map<String, Object> services(Parts parts, RequestContext context, List<String> ids) {
        Principal principal = context.principal();
        Set<String> served = principal instanceof Principal.YoungPersonUser yp
                ? parts.advocacy().findByIds(List.of(yp.youngPersonId())).values().stream()
                .map(Advocacy::serviceId).filter(Objects::nonNull).collect(Collectors.toSet())
                : Set.of();
        return ids.stream().filter(id -> served.contains(id) || staffOfOrAdmin(principal, id)).distinct()
                .flatMap(id -> parts.advocacy().service(id).stream())
                .collect(Collectors.toMap(Records.ServiceInfo::id, s -> s));
    }

    private static boolean staffOfOrAdmin(Principal principal, String organisationId) {
        return principal instanceof Principal.Staff s
                && (s.role() == StaffRole.ADMIN || s.organisationId().equals(organisationId));
    }

    /**
     * Advocates as {@code Advocacy.advocate} and {@code AdvocacyService.onDutyAdvocate} show them: to the young
     * person they are the advocate or on-duty advocate of, to staff of their organisation, and to admins.
     */
    private static Map<String, Object> advocates(Parts parts, RequestContext context, List<String> ids) {
        Principal principal = context.principal();
        Set<String> mine = advocatesOf(parts, principal);
        Map<String, Object> visible = new HashMap<>();
        for (StaffMember member : parts.staff().findByIds(ids).values()) {
            boolean advocate = member.role() == StaffRole.ADVOCATE || member.role() == StaffRole.ADVOCACY_MANAGER;
            if (advocate && (mine.contains(member.id()) || staffOfOrAdmin(principal, member.organisationId()))) {
                visible.put(member.id(), new Records.Advocate(member.id(), member.name()));
            }
        }
        return visible;
    }

    /** The staff ids a young person sees as advocates: their named advocate and their service's on-duty one. */
    private static Set<String> advocatesOf(Parts parts, Principal principal) {
        if (!(principal instanceof Principal.YoungPersonUser yp)) {
            return Set.of();
        }
        Set<String> ids = new HashSet<>();
        for (Advocacy advocacy : parts.advocacy().findByIds(List.of(yp.youngPersonId())).values()) {
            if (advocacy.advocateId() != null) {
                ids.add(advocacy.advocateId());
            }
            parts.advocacy().service(advocacy.serviceId()).map(Records.ServiceInfo::onDutyAdvocateId)
                    .ifPresent(ids::add);
        }
        return ids;
    }

    /** Staff reads of young people's messaging data through {@code node(id:)} are audited like any other. */
    private static void auditStaffReads(Parts parts, RequestContext context, String type, List<String> people) {
        if (context.principal() instanceof Principal.Staff) {
            parts.audit().recordReads(context, type, people.stream().distinct().toList(), "viewed");
        }
    }

    private static boolean canSeeAdvocacy(Parts parts, RequestContext context, Advocacy a) {
        return switch (context.principal()) {
            case Principal.YoungPersonUser yp -> yp.youngPersonId().equals(a.youngPersonId());
            case Principal.Staff s -> a.serviceId() != null && s.organisationId().equals(a.serviceId())
                    && parts.policy().serves(a.serviceId(), a.youngPersonId())
                    && (s.role() == app.alongside.kernel.StaffRole.ADVOCATE
                    || s.role() == app.alongside.kernel.StaffRole.ADVOCACY_MANAGER);
            default -> false;
        };
    }

    private static void registerTypes(Wiring wiring, Parts parts) {
        wiring.nodeType(Advocacy.TYPE, Advocacy.class, Advocacy::youngPersonId)
                .fetcher(Advocacy.TYPE, "youngPerson", env -> youngPerson(env, ((Advocacy) env.getSource())
                        .youngPersonId()))
                .fetcher(Advocacy.TYPE, "service", env -> service(env, ((Advocacy) env.getSource()).serviceId()))
                .fetcher(Advocacy.TYPE, "advocate", env -> advocate(env, ((Advocacy) env.getSource()).advocateId()))
                .fetcher(Advocacy.TYPE, "thread", env -> Optional.ofNullable(((Advocacy) env.getSource()).threadId())
                        .flatMap(id -> parts.messaging().thread(id)).orElse(null))
                .fetcher(Advocacy.TYPE, "allocationOverdue", env -> ((Advocacy) env.getSource())
                        .allocationOverdue(parts.messaging().clock().instant()))
                .backedBy("AdvocacyChoiceRecord", Advocacy.Choice.class)
                .backedBy("AdvocacyService", Records.ServiceInfo.class)
                .fetcher("AdvocacyService", "id", env -> GlobalIds.encode(Records.ServiceInfo.TYPE,
                        ((Records.ServiceInfo) env.getSource()).id()))
                .fetcher("AdvocacyService", "organisationId", env -> GlobalIds.encode(Organisation.TYPE,
                        ((Records.ServiceInfo) env.getSource()).id()))
                .fetcher("AdvocacyService", "onDutyAdvocate", env -> advocate(env,
                        ((Records.ServiceInfo) env.getSource()).onDutyAdvocateId()))
                .backedBy("Advocate", Records.Advocate.class)
                .fetcher("Advocate", "id", env -> GlobalIds.encode(Records.Advocate.TYPE,
                        ((Records.Advocate) env.getSource()).staffId()))
                .fetcher("Advocate", "staffMemberId", env -> GlobalIds.encode(StaffMember.TYPE,
                        ((Records.Advocate) env.getSource()).staffId()));
        registerThreadTypes(wiring, parts);
        wiring.nodeType(Message.TYPE, Message.class, Message::id)
                .fetcher(Message.TYPE, "threadId", env -> GlobalIds.encode(MessageThread.TYPE,
                        ((Message) env.getSource()).threadId()))
                .fetcher(Message.TYPE, "author", MessagingWiring::author)
                .fetcher(Message.TYPE, "clientMessageId", env -> {
                    Message m = env.getSource();
                    return m.authorKey().equals(RequestContext.of(env).principal().key()) ? m.clientMessageId()
                            : null;
                })
                .backedBy("MessageEdit", Message.Edit.class)
                .backedBy("MessageConnection", Connections.Connection.class)
                .backedBy("MessageEdge", Connections.Edge.class)
                .backedBy("MessageThreadConnection", Connections.Connection.class)
                .backedBy("MessageThreadEdge", Connections.Edge.class)
                .backedBy("AdvocacyConnection", Connections.Connection.class)
                .backedBy("AdvocacyEdge", Connections.Edge.class)
                .backedBy("InboxEvent", Records.InboxEvent.class)
                .backedBy("AdvocacyFigures", Records.Figures.class)
                .backedBy("UrgentHelp", Records.UrgentHelp.class)
                .backedBy("SafeguardingPhraseList", Records.PhraseList.class)
                .fetcher("SafeguardingPhraseList", "serviceId", env -> Optional.ofNullable(
                        ((Records.PhraseList) env.getSource()).serviceId())
                        .map(id -> GlobalIds.encode(Organisation.TYPE, id)).orElse(null))
                .nodeType(Records.Concern.TYPE, Records.Concern.class, Records.Concern::id)
                .fetcher(Records.Concern.TYPE, "threadId", env -> GlobalIds.encode(MessageThread.TYPE,
                        ((Records.Concern) env.getSource()).threadId()))
                .fetcher(Records.Concern.TYPE, "raisedBy", env -> advocate(env,
                        ((Records.Concern) env.getSource()).raisedById()))
                .backedBy("SetAdvocacyChoicePayload", AdvocacyPayload.class)
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
    }

    private static void registerThreadTypes(Wiring wiring, Parts parts) {
        wiring.nodeType(MessageThread.TYPE, MessageThread.class, MessageThread::id)
                .fetcher(MessageThread.TYPE, "youngPerson", env -> youngPerson(env,
                        ((MessageThread) env.getSource()).youngPersonId()))
                .fetcher(MessageThread.TYPE, "service", env -> service(env,
                        ((MessageThread) env.getSource()).serviceId()))
                .fetcher(MessageThread.TYPE, "assignedAdvocate", env -> advocate(env,
                        ((MessageThread) env.getSource()).assignedAdvocateId()))
                .fetcher(MessageThread.TYPE, "overdue", env -> ((MessageThread) env.getSource())
                        .overdue(parts.messaging().clock().instant()))
                .fetcher(MessageThread.TYPE, "unreadCount", env -> {
                    MessageThread t = env.getSource();
                    MessageThread.ReadMark mark = t.reads().get(RequestContext.of(env).principal().key());
                    return (int) (t.lastSequence() - (mark == null ? 0 : mark.sequence()));
                })
                .fetcher(MessageThread.TYPE, "readReceipts", MessagingWiring::readReceipts)
                .backedBy("ReadReceipt", Records.ReadReceipt.class)
                .backedBy("MessageAuthor", Records.Author.class);
    }

    private static void registerQueries(Wiring wiring, Parts parts) {
        wiring.fetcher("Query", "myAdvocacy", env -> parts.advocacy().mine(RequestContext.of(env)))
                .fetcher("Query", "messages", env -> parts.messaging().page(RequestContext.of(env),
                        env.getArgument("threadId"), env.getArgument("first"), env.getArgument("after"),
                        env.getArgument("last"), env.getArgument("before"), parts.maxPage()))
                .fetcher("Query", "advocacyInbox", env -> parts.messaging().inbox(RequestContext.of(env),
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

    private static void registerMutations(Wiring wiring, Parts parts) {
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
                        parts.messaging().markRead(RequestContext.of(env), Input.of(env)), List.of()),
                        e -> new ThreadPayload(null, e)))
                .fetcher("Mutation", "assignThread", env -> Payloads.run(() -> new ThreadPayload(
                        parts.messaging().assign(RequestContext.of(env), Input.of(env)), List.of()),
                        e -> new ThreadPayload(null, e)))
                .fetcher("Mutation", "openThread", env -> {
                    Input input = Input.of(env);
                    String id = input.clientMutationId().orElse(null);
                    return Payloads.run(() -> new OpenThreadPayload(parts.messaging().open(RequestContext.of(env),
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

    private static CompletableFuture<Object> youngPerson(DataFetchingEnvironment env, String id) {
        DataLoader<String, Object> loader = env.getDataLoader(YOUNG_PEOPLE);
        return loader.load(id);
    }

    private static CompletableFuture<Records.ServiceInfo> service(DataFetchingEnvironment env, String id) {
        if (id == null) {
            return CompletableFuture.completedFuture(null);
        }
        DataLoader<String, Records.ServiceInfo> loader = env.getDataLoader(SERVICES);
        return loader.load(id);
    }

    private static CompletableFuture<Records.Advocate> advocate(DataFetchingEnvironment env, String staffId) {
        if (staffId == null) {
            return CompletableFuture.completedFuture(null);
        }
        DataLoader<String, String> loader = env.getDataLoader(STAFF_NAMES);
        return loader.load(staffId).thenApply(name -> name == null ? null : new Records.Advocate(staffId, name));
    }

    private static CompletableFuture<Records.Author> author(DataFetchingEnvironment env) {
        Message m = env.getSource();
        boolean me = m.authorKey().equals(RequestContext.of(env).principal().key());
        DataLoader<String, String> loader = env.getDataLoader(m.authorKind() == Message.AuthorKind.YOUNG_PERSON
                ? YOUNG_PERSON_NAMES : STAFF_NAMES);
        return loader.load(m.authorId()).thenApply(name -> new Records.Author(m.authorKind(),
                name == null ? "" : name, me));
    }

    private static CompletableFuture<List<Records.ReadReceipt>> readReceipts(DataFetchingEnvironment env) {
        MessageThread thread = env.getSource();
        List<CompletableFuture<Records.ReadReceipt>> receipts = new ArrayList<>();
        thread.reads().forEach((key, mark) -> {
            boolean youngPerson = key.startsWith("yp:");
            String id = key.substring(key.indexOf(':') + 1);
            DataLoader<String, String> loader = env.getDataLoader(youngPerson ? YOUNG_PERSON_NAMES : STAFF_NAMES);
            receipts.add(loader.load(id).thenApply(name -> new Records.ReadReceipt(youngPerson
                    ? Message.AuthorKind.YOUNG_PERSON : Message.AuthorKind.STAFF, name == null ? "" : name,
                    mark.sequence(), mark.at())));
        });
        return CompletableFuture.allOf(receipts.toArray(CompletableFuture[]::new))
                .thenApply(ignored -> receipts.stream().map(CompletableFuture::join).toList());
    }
}
