package app.alongside.messaging;

import app.alongside.audit.AuditLog;
import app.alongside.identity.StaffMember;
import app.alongside.identity.StaffRepository;
import app.alongside.identity.YoungPeopleService;
import app.alongside.identity.YoungPerson;
import app.alongside.identity.YoungPersonRepository;
import app.alongside.kernel.Principal;
import app.alongside.kernel.StaffRole;
import app.alongside.organisations.Organisation;
import app.alongside.platform.core.Connections;
import app.alongside.platform.core.GlobalIds;
import app.alongside.platform.core.RequestContext;
import app.alongside.platform.graphql.DataLoaders;
import app.alongside.platform.graphql.Nodes;
import app.alongside.platform.graphql.Wiring;
import graphql.schema.DataFetchingEnvironment;
import org.dataloader.DataLoader;
import org.dataloader.DataLoaderFactory;

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

/**
 * Wires {@code messaging.graphqls}: the loaders, nodes and types of advocacy, threads, messages and safeguarding;
 * {@link MessagingOperations} wires its queries, mutations and subscriptions.
 */
public final class MessagingWiring {
    static final String STAFF_NAMES = "messaging:staffName";
    static final String YOUNG_PERSON_NAMES = "messaging:youngPersonName";
    static final String YOUNG_PEOPLE = "messaging:youngPerson";
    static final String SERVICES = "messaging:service";

    /** What the wiring needs from the rest of the application. */
    public record Parts(AdvocacyService advocacy, MessagingService messaging, Conversations conversations,
                        Safeguarding safeguarding,
                        LiveEvents live, MessagingPolicy policy, YoungPeopleService youngPeople,
                        YoungPersonRepository people, StaffRepository staff, AuditLog audit, int maxPage) {
    }

    private MessagingWiring() {
    }

    public static void register(Wiring wiring, Nodes nodes, DataLoaders loaders, Parts parts) {
        registerLoaders(loaders, parts);
        registerNodes(nodes, parts);
        registerTypes(wiring, parts);
        MessagingOperations.register(wiring, parts);
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
            parts.conversations().threadsByIds(ids).values().stream()
                    .filter(t -> parts.policy().canSee(context.principal(), t)).forEach(t -> visible.put(t.id(), t));
            auditStaffReads(parts, context, MessageThread.TYPE, visible.values().stream()
                    .map(t -> ((MessageThread) t).youngPersonId()).toList());
            return visible;
        }, new Nodes.Stored(ThreadRepository.COLLECTION, "youngPersonId")).register(Message.TYPE, (ids, context) -> {
            Map<String, Message> found = parts.conversations().messagesByIds(ids);
            Map<String, MessageThread> threads = parts.conversations().threadsByIds(found.values().stream()
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
                        .flatMap(id -> parts.conversations().thread(id)).orElse(null))
                .fetcher(Advocacy.TYPE, "allocationOverdue", env -> ((Advocacy) env.getSource())
                        .allocationOverdue(parts.conversations().clock().instant()))
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
                .fetcher(Message.TYPE, "urgentMatch", env -> {
                    Message m = env.getSource();
                    return m.urgent() && RequestContext.of(env).principal() instanceof Principal.Staff
                            ? new Message.UrgentMatch(m.urgentPhrase()) : null;
                })
                .backedBy("UrgentMatch", Message.UrgentMatch.class)
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
                        ((Records.Concern) env.getSource()).raisedById()));
    }

    private static void registerThreadTypes(Wiring wiring, Parts parts) {
        wiring.nodeType(MessageThread.TYPE, MessageThread.class, MessageThread::id)
                .fetcher(MessageThread.TYPE, "youngPerson", env -> youngPerson(env,
                        ((MessageThread) env.getSource()).youngPersonId()))
                .fetcher(MessageThread.TYPE, "service", env -> service(env,
                        ((MessageThread) env.getSource()).serviceId()))
                .fetcher(MessageThread.TYPE, "assignedAdvocate", env -> advocate(env,
                        ((MessageThread) env.getSource()).assignedAdvocateId()))
                .fetcher(MessageThread.TYPE, "urgent", env -> ((MessageThread) env.getSource()).urgent()
                        && RequestContext.of(env).principal() instanceof Principal.Staff)
                .fetcher(MessageThread.TYPE, "overdue", env -> ((MessageThread) env.getSource())
                        .overdue(parts.conversations().clock().instant()))
                .fetcher(MessageThread.TYPE, "unreadCount", env -> {
                    MessageThread t = env.getSource();
                    MessageThread.ReadMark mark = t.reads().get(RequestContext.of(env).principal().key());
                    return (int) (t.lastSequence() - (mark == null ? 0 : mark.sequence()));
                })
                .fetcher(MessageThread.TYPE, "readReceipts", MessagingWiring::readReceipts)
                .backedBy("ReadReceipt", Records.ReadReceipt.class)
                .backedBy("MessageAuthor", Records.Author.class);
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
