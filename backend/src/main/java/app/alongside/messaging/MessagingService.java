package app.alongside.messaging;

import app.alongside.audit.AuditAction;
import app.alongside.audit.AuditLog;
import app.alongside.kernel.Principal;
import app.alongside.platform.core.ApiException;
import app.alongside.platform.core.ErrorCode;
import app.alongside.platform.core.Ids;
import app.alongside.platform.core.Input;
import app.alongside.platform.core.RequestContext;
import app.alongside.platform.store.Idempotency;
import app.alongside.push.PushCategory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Messages: sending (idempotent per {@code clientMessageId}, numbered per thread, with its push need and response
 * due time in the same insert, then the thread's counter, clock and read mark in one write), editing within 5
 * minutes, and tombstones. {@link Conversations} holds the threads themselves. Every write is audited.
 */
public final class MessagingService {
    static final Duration EDIT_WINDOW = Duration.ofMinutes(5);
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}&&[^\\n\\t\\r]]");
    /** A duplicate sequence number is a race lost to another send; far more in a row means something is wrong. */
    private static final int MAX_SEQUENCE_ATTEMPTS = 64;

    /** What {@code sendMessage} answers. */
    public record Sent(Message message, MessageThread thread, Records.UrgentHelp urgentHelp) {
    }

    private final ThreadRepository threads;
    private final MessageRepository messages;
    private final ServiceRoster roster;
    private final Conversations conversations;
    private final MessagingPolicy policy;
    private final Safeguarding safeguarding;
    private final AuditLog audit;
    private final Idempotency idempotency;
    private final EventBus bus;
    private final WorkingHours hours;
    private final Clock clock;

    public MessagingService(ThreadRepository threads, MessageRepository messages, ServiceRoster roster,
                            Conversations conversations, MessagingPolicy policy,
                            Safeguarding safeguarding, AuditLog audit, Idempotency idempotency, EventBus bus,
                            WorkingHours hours, Clock clock) {
        this.threads = threads;
        this.messages = messages;
        this.roster = roster;
        this.conversations = conversations;
        this.policy = policy;
        this.safeguarding = safeguarding;
        this.audit = audit;
        this.idempotency = idempotency;
        this.bus = bus;
        this.hours = hours;
        this.clock = clock;
    }

    public Clock clock() {
        return clock;
    }

    /**
     * A message into a thread the caller takes part in. The message is written first, numbered one past the
     * thread's counter as read (the unique index on thread and sequence makes a number taken twice impossible, and
     * the unique key on the sender's {@code clientMessageId} makes a retry land on the first message), then the
     * thread in one write; a young person's send, typically five store commands in all
     * ({@code SendMessageQueriesIT}).
     */
    public Sent send(RequestContext context, Input input) {
        Principal principal = policy.requireParticipant(context.principal());
        String body = body(input);
        String clientMessageId = input.text("clientMessageId", 1, 100);
        MessageThread thread = conversations.visibleThread(principal, (String) inputValue(input, "threadId"),
                Input.path("threadId"));
        boolean youngPerson = principal instanceof Principal.YoungPersonUser;
        String dedupe = MessageRepository.dedupeKey(thread.id(), principal.key(), clientMessageId);
        if (youngPerson && thread.kind() == MessageThread.ThreadKind.ADVOCACY && thread.optedOut()) {
            // A retry of a message sent before they opted out still gets its answer.
            return messages.findByDedupeKey(dedupe).map(earlier -> retried(earlier, body, true)).orElseThrow(() ->
                    new ApiException(ErrorCode.CONFLICT, "You opted out of advocacy. Opt back in to message the "
                            + "service.", Input.path("threadId"), Map.of()));
        }
        Instant now = clock.instant();
        String matched = youngPerson ? safeguarding.matches(thread.serviceId(), body).orElse(null) : null;
        boolean urgent = matched != null;
        Instant dueAt = youngPerson ? hours.plus(now, hours.day()) : null;
        // The service's managers: the fallback for push and who an unanswered message escalates to.
        ServiceRoster.Snapshot service = youngPerson ? roster.of(thread.serviceId()) : null;
        List<String> managers = youngPerson ? service.managerKeys() : List.of();
        List<MessageRepository.PushTarget> pushTo = pushTargets(thread, service, urgent, managers);
        long sequence = thread.lastSequence() + 1;
        Message message = null;
        for (int attempt = 1; message == null; attempt++) {
            Message candidate = new Message(Ids.random(), thread.id(), thread.serviceId(), thread.youngPersonId(),
                    sequence, youngPerson ? Message.AuthorKind.YOUNG_PERSON : Message.AuthorKind.STAFF,
                    authorId(principal), body, clientMessageId, false, urgent, matched, now, null, List.of());
            if (messages.insert(candidate, dueAt, pushTo, now)) {
                message = candidate;
                continue;
            }
            // A duplicate key: either an earlier send with this clientMessageId is stored (a retry: answer with its
            // message) or the number was taken, by a send whose thread write has not landed yet or never did.
            Optional<Message> earlier = messages.findByDedupeKey(dedupe);
            if (earlier.isPresent()) {
                return retried(earlier.get(), body, youngPerson);
            }
            if (attempt == MAX_SEQUENCE_ATTEMPTS) {
                throw new ApiException(ErrorCode.CONFLICT, "The thread is busy. Send the message again.",
                        Input.path("threadId"), Map.of());
            }
            sequence = Math.max(sequence, messages.lastSequence(thread.id())) + 1;
        }
        MessageThread after = afterSend(thread, message, youngPerson, urgent, dueAt, managers, now);
        audit.record(context, AuditAction.CREATE, Message.TYPE, message.id(), thread.youngPersonId(),
                urgent ? "message sent; matched a safeguarding phrase" : "message sent");
        bus.publish(new MessagingEvent(MessagingEvent.Kind.MESSAGE_ADDED, thread.id(), thread.serviceId(),
                thread.youngPersonId(), message.id()));
        return new Sent(message, after, urgent ? safeguarding.help() : null);
    }

    /** The thread's side of a new message; the thread as the last of these writes left it. */
    private MessageThread afterSend(MessageThread thread, Message message, boolean youngPerson, boolean urgent,
                                    Instant dueAt, List<String> managers, Instant now) {
        if (youngPerson) {
            MessageThread after = threads.sentByYoungPerson(thread.id(), message.id(), message.authorKey(),
                    message.sequence(), now, dueAt, managers, urgent, thread.awaitingReplySince() != null);
            publishUrgent(after, message, urgent);
            return after;
        }
        if (thread.awaitingReplySince() != null) {
            // Only a running clock needs stopping; the update itself makes sure one reply stops it once.
            threads.stopClock(thread.id()).filter(t -> t.clockMessageId() != null).ifPresent(t -> messages
                    .recordResponse(t.clockMessageId(), now, hours.between(t.awaitingReplySince(), now).toSeconds()));
        }
        MessageThread after = threads.markSent(thread.id(), message.authorKey(), message.sequence(), now, urgent);
        publishUrgent(after, message, urgent);
        return after;
    }

    private void publishUrgent(MessageThread thread, Message message, boolean urgent) {
        if (urgent) {
            bus.publish(new MessagingEvent(MessagingEvent.Kind.URGENT, thread.id(), thread.serviceId(),
                    thread.youngPersonId(), message.id()));
        }
    }

    private Sent retried(Message first, String body, boolean youngPerson) {
        if (!first.deleted() && !body.equals(first.body()) && first.editHistory().isEmpty()) {
            throw new ApiException(ErrorCode.CONFLICT, "This clientMessageId was used before for another message.",
                    Input.path("clientMessageId"), Map.of());
        }
        return new Sent(first, threads.findById(first.threadId()).orElseThrow(),
                first.urgent() && youngPerson ? safeguarding.help() : null);
    }

    /**
     * Who a new message must reach by push, worked out now and stored with it. A young person's message goes to the
     * advocate the thread is assigned to; with nobody assigned, to the service's on-duty advocate, or its managers
     * when none is named. An urgent one goes to the assigned advocate and the on-duty advocate (or managers) both.
     */
    List<MessageRepository.PushTarget> pushTargets(MessageThread thread, ServiceRoster.Snapshot service,
                                                   boolean urgent, List<String> managers) {
        if (service == null) {
            return List.of(new MessageRepository.PushTarget("yp:" + thread.youngPersonId(), PushCategory.NEW_MESSAGE));
        }
        Set<String> recipients = new LinkedHashSet<>();
        Optional.ofNullable(thread.assignedAdvocateId()).flatMap(service::advocate)
                .ifPresent(m -> recipients.add("staff:" + m.id()));
        if (recipients.isEmpty() || urgent) {
            recipients.addAll(onDuty(service, managers));
        }
        PushCategory category = urgent ? PushCategory.URGENT : PushCategory.NEW_MESSAGE;
        return recipients.stream().map(key -> new MessageRepository.PushTarget(key, category)).toList();
    }

    /** The service's on-duty advocate when one is named and still active, else its managers ({@code managers}). */
    private static List<String> onDuty(ServiceRoster.Snapshot service, List<String> managers) {
        return Optional.ofNullable(service.onDutyAdvocateId()).flatMap(service::advocate)
                .map(m -> List.of("staff:" + m.id())).orElse(managers);
    }

    /** Plain text of 1 to 4,000 characters; new lines and tabs are fine, other control characters are not. */
    static String body(Input input) {
        Object raw = inputValue(input, "body");
        String text = raw == null ? "" : raw.toString().strip();
        if (text.isEmpty() || text.length() > Message.MAX_BODY) {
            throw ApiException.badInput(Input.path("body"), "Must be between 1 and 4000 characters.");
        }
        if (CONTROL.matcher(text).find()) {
            throw ApiException.badInput(Input.path("body"), "Must not contain control characters.");
        }
        return text.replace("\r\n", "\n").replace('\r', '\n');
    }

    private static Object inputValue(Input input, String name) {
        return input.raw(name);
    }

    private static String authorId(Principal principal) {
        return switch (principal) {
            case Principal.YoungPersonUser yp -> yp.youngPersonId();
            case Principal.Staff s -> s.staffId();
            default -> throw ApiException.forbidden();
        };
    }

    /** The author edits within 5 minutes; the old text goes into the history. */
    public Sent edit(RequestContext context, Input input) {
        Principal principal = policy.requireParticipant(context.principal());
        String body = body(input);
        Message message = ownMessage(principal, input);
        if (message.deleted()) {
            throw new ApiException(ErrorCode.CONFLICT, "This message was deleted.", Input.path("messageId"), Map.of());
        }
        Instant now = clock.instant();
        if (Duration.between(message.createdAt(), now).compareTo(EDIT_WINDOW) > 0) {
            throw new ApiException(ErrorCode.CONFLICT, "A message can be edited within 5 minutes of sending it.",
                    Input.path("messageId"), Map.of());
        }
        boolean youngPerson = principal instanceof Principal.YoungPersonUser;
        if (body.equals(message.body())) {
            return new Sent(message, null, message.urgent() && youngPerson ? safeguarding.help() : null);
        }
        if (!messages.edit(message, body, now)) {
            throw ApiException.conflict("The message changed meanwhile. Try again.");
        }
        String matched = youngPerson && !message.urgent()
                ? safeguarding.matches(message.serviceId(), body).orElse(null) : null;
        boolean urgent = matched != null;
        if (urgent) {
            messages.markUrgent(message.id(), matched);
            threads.markUrgent(message.threadId(), now);
            bus.publish(new MessagingEvent(MessagingEvent.Kind.URGENT, message.threadId(), message.serviceId(),
                    message.youngPersonId(), message.id()));
        }
        audit.record(context, AuditAction.UPDATE, Message.TYPE, message.id(), message.youngPersonId(),
                urgent ? "message edited; matched a safeguarding phrase" : "message edited");
        bus.publish(new MessagingEvent(MessagingEvent.Kind.MESSAGE_CHANGED, message.threadId(), message.serviceId(),
                message.youngPersonId(), message.id()));
        Message edited = messages.findById(message.id()).orElseThrow();
        return new Sent(edited, null, (urgent || message.urgent()) && youngPerson ? safeguarding.help() : null);
    }

    /** The author deletes; a tombstone keeps the place. Deleting twice answers with the tombstone. */
    public Message delete(RequestContext context, Input input) {
        Principal principal = policy.requireParticipant(context.principal());
        Message message = ownMessage(principal, input);
        if (message.deleted()) {
            return message;
        }
        messages.delete(message.id(), clock.instant());
        audit.record(context, AuditAction.DELETE, Message.TYPE, message.id(), message.youngPersonId(),
                "message deleted");
        bus.publish(new MessagingEvent(MessagingEvent.Kind.MESSAGE_CHANGED, message.threadId(), message.serviceId(),
                message.youngPersonId(), message.id()));
        return messages.findById(message.id()).orElseThrow();
    }

    /** A message in a thread the caller sees (else NOT_FOUND) that the caller wrote (else FORBIDDEN). */
    private Message ownMessage(Principal principal, Input input) {
        String id = input.id("messageId", Message.TYPE);
        Message message = messages.findById(id)
                .filter(m -> threads.findById(m.threadId()).filter(t -> policy.canSee(principal, t)).isPresent())
                .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "No message has that id.",
                        Input.path("messageId"), Map.of()));
        if (!message.authorKey().equals(principal.key())) {
            throw new ApiException(ErrorCode.FORBIDDEN, "Only its author can change a message.");
        }
        return message;
    }
}
