package app.alongside.messaging;

import app.alongside.audit.AuditAction;
import app.alongside.audit.AuditLog;
import app.alongside.identity.StaffMember;
import app.alongside.identity.YoungPerson;
import app.alongside.identity.YoungPersonRepository;
import app.alongside.kernel.Principal;
import app.alongside.platform.core.ApiException;
import app.alongside.platform.core.Connections;
import app.alongside.platform.core.ErrorCode;
import app.alongside.platform.core.Input;
import app.alongside.platform.core.RequestContext;
import app.alongside.platform.store.Idempotency;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Threads: who may see one, reading its messages page by page, read marks, assignment, the matter threads staff
 * open, and the service's inbox. Every staff read of a young person's thread and every write is audited.
 */
public final class Conversations {
    private final ThreadRepository threads;
    private final MessageRepository messages;
    private final YoungPersonRepository people;
    private final MessagingPolicy policy;
    private final AuditLog audit;
    private final Idempotency idempotency;
    private final EventBus bus;
    private final Clock clock;

    public Conversations(ThreadRepository threads, MessageRepository messages, YoungPersonRepository people,
                         MessagingPolicy policy, AuditLog audit, Idempotency idempotency, EventBus bus, Clock clock) {
        this.threads = threads;
        this.messages = messages;
        this.people = people;
        this.policy = policy;
        this.audit = audit;
        this.idempotency = idempotency;
        this.bus = bus;
        this.clock = clock;
    }

    public Clock clock() {
        return clock;
    }

    /** The thread behind a global id if the caller may see it; otherwise NOT_FOUND naming {@code field}. */
    public MessageThread visibleThread(Principal principal, String globalId, List<String> field) {
        String id = Input.decodeOrNotFound(globalId, MessageThread.TYPE, field);
        return threads.findById(id).filter(t -> policy.canSee(principal, t))
                .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "No thread has that id.", field, Map.of()));
    }

    public MessageThread markRead(RequestContext context, Input input) {
        Principal principal = policy.requireParticipant(context.principal());
        MessageThread thread = visibleThread(principal, (String) input.raw("threadId"),
                Input.path("threadId"));
        Object raw = input.raw("upToSequence");
        long upTo = raw == null ? thread.lastSequence() : ((Number) raw).longValue();
        if (upTo < 0 || upTo > thread.lastSequence()) {
            throw ApiException.badInput(Input.path("upToSequence"), "Must be between 0 and the thread's last "
                    + "sequence number (" + thread.lastSequence() + ").");
        }
        if (upTo > 0) {
            threads.markRead(thread.id(), principal.key(), upTo, clock.instant());
        }
        if (principal instanceof Principal.Staff) {
            audit.record(context, AuditAction.READ, MessageThread.TYPE, thread.id(), thread.youngPersonId(),
                    "thread marked read");
        }
        return threads.findById(thread.id()).orElseThrow();
    }

    public MessageThread assign(RequestContext context, Input input) {
        Principal.Staff caller = policy.requireAdvocacyStaff(context.principal());
        MessageThread thread = visibleThread(caller, (String) input.raw("threadId"), Input.path("threadId"));
        String advocateId = input.optionalId("advocateId", StaffMember.TYPE, Records.Advocate.TYPE).map(id -> policy
                .advocateOf(thread.serviceId(), id).orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND,
                        "No active advocate of the service has that id.", Input.path("advocateId"), Map.of())).id())
                .orElse(null);
        threads.assign(thread.id(), advocateId, clock.instant());
        audit.record(context, AuditAction.UPDATE, MessageThread.TYPE, thread.id(), thread.youngPersonId(),
                advocateId == null ? "thread unassigned" : "thread assigned");
        bus.publish(new MessagingEvent(MessagingEvent.Kind.ASSIGNED, thread.id(), thread.serviceId(),
                thread.youngPersonId(), null));
        return threads.findById(thread.id()).orElseThrow();
    }

    public MessageThread open(RequestContext context, Input input) {
        Principal.Staff caller = policy.requireAdvocacyStaff(context.principal());
        String youngPersonId = input.id("youngPersonId", YoungPerson.TYPE);
        String subject = input.text("subject", 1, 200);
        if (!policy.serves(caller.organisationId(), youngPersonId)) {
            throw new ApiException(ErrorCode.NOT_FOUND, "No young person has that id.", Input.path("youngPersonId"),
                    Map.of());
        }
        var claim = idempotency.claim("openThread", caller.key(), input.clientMutationId(), input.fingerprint());
        Instant now = clock.instant();
        MessageThread thread = new MessageThread(claim.id(), MessageThread.ThreadKind.MATTER, subject, youngPersonId,
                caller.organisationId(), caller.staffId(), false, 0, null, null, null, null, Map.of(), now, now, false);
        if (threads.insertIfAbsent(thread)) {
            audit.record(context, AuditAction.CREATE, MessageThread.TYPE, thread.id(), youngPersonId,
                    "matter thread opened");
            bus.publish(new MessagingEvent(MessagingEvent.Kind.OPENED, thread.id(), thread.serviceId(),
                    youngPersonId, null));
        }
        return threads.findById(claim.id()).orElseThrow();
    }

    /** Forward ({@code first}/{@code after}) or backward ({@code last}/{@code before}) pages by sequence number. */
    public Connections.Connection<Message> page(RequestContext context, String threadGlobalId, Integer first,
                                                String after, Integer last, String before, int max) {
        Principal principal = policy.requireParticipant(context.principal());
        MessageThread thread = visibleThread(principal, threadGlobalId, List.of("threadId"));
        if (first != null && last != null) {
            throw ApiException.badInput(List.of("last"), "Give \"first\" or \"last\", not both.");
        }
        boolean forward = first != null || (after != null && last == null);
        int size = forward ? pageSize(first, "first", max) : pageSize(last, "last", max);
        long afterSeq = after == null ? 0 : sequenceOf(after, "after");
        long beforeSeq = before == null ? Long.MAX_VALUE : sequenceOf(before, "before");
        List<Message> found = new ArrayList<>(messages.page(thread.id(), afterSeq, beforeSeq, forward, size + 1));
        boolean more = found.size() > size;
        List<Message> pageItems = new ArrayList<>(found.subList(0, Math.min(size, found.size())));
        if (!forward) {
            Collections.reverse(pageItems);
        }
        if (principal instanceof Principal.Staff) {
            audit.record(context, AuditAction.READ, MessageThread.TYPE, thread.id(), thread.youngPersonId(),
                    "messages read");
        }
        List<Connections.Edge<Message>> edges = pageItems.stream()
                .map(m -> new Connections.Edge<>(cursor(m.sequence()), m)).toList();
        boolean hasNext = forward ? more : before != null;
        boolean hasPrevious = forward ? afterSeq > 0 && thread.lastSequence() > 0 : more;
        return new Connections.Connection<>(edges, new Connections.PageInfo(hasNext, hasPrevious,
                edges.isEmpty() ? null : edges.getFirst().cursor(),
                edges.isEmpty() ? null : edges.getLast().cursor()));
    }

    private static int pageSize(Integer value, String name, int max) {
        int size = value == null ? Connections.DEFAULT_PAGE_SIZE : value;
        if (size < 0 || size > max) {
            throw ApiException.badInput(List.of(name), "\"" + name + "\" must be between 0 and " + max + ".");
        }
        return size;
    }

    static String cursor(long sequence) {
        return Connections.encodeCursor("seq:" + sequence);
    }

    private static long sequenceOf(String cursor, String name) {
        try {
            String key = Connections.decodeCursor(cursor);
            if (key.startsWith("seq:")) {
                return Long.parseLong(key.substring(4));
            }
        } catch (ApiException | NumberFormatException e) {
            // the typed error below names the right argument
        }
        throw ApiException.badInput(List.of(name), "\"" + name + "\" is not a cursor from this API.");
    }

    /** The inbox of the caller's service, most recent activity first; each young person's read is audited. */
    public Connections.Connection<MessageThread> inbox(RequestContext context, Map<String, Object> filter,
                                                       Connections.Page page) {
        Principal.Staff caller = policy.requireAdvocacyStaff(context.principal());
        List<String> councils = policy.servedCouncils(caller.organisationId());
        Map<String, Object> f = filter == null ? Map.of() : filter;
        List<MessageThread> found = threads.inbox(caller.organisationId(),
                councils.isEmpty() ? List.of() : people.idsInCouncils(councils),
                new ThreadRepository.InboxFilter(Boolean.TRUE.equals(f.get("unanswered")),
                        Boolean.TRUE.equals(f.get("overdue")), Boolean.TRUE.equals(f.get("urgent")),
                        Boolean.TRUE.equals(f.get("mine")) ? caller.staffId() : null),
                clock.instant(), page.after(), page.first() + 1);
        var result = Connections.page(found, page, page.after().isPresent(), ThreadRepository::key);
        audit.recordReads(context, MessageThread.TYPE, result.nodes().stream().map(MessageThread::youngPersonId)
                .distinct().toList(), "inbox listed");
        return result;
    }

    public Optional<Message> message(String id) {
        return messages.findById(id);
    }

    public Optional<MessageThread> thread(String id) {
        return threads.findById(id);
    }

    public Map<String, MessageThread> threadsByIds(List<String> ids) {
        return threads.findByIds(ids);
    }

    public Map<String, Message> messagesByIds(List<String> ids) {
        return messages.findByIds(ids);
    }
}
