package app.alongside.messaging;

import app.alongside.audit.AuditAction;
import app.alongside.audit.AuditLog;
import app.alongside.kernel.Principal;
import app.alongside.platform.core.ApiException;
import app.alongside.platform.core.ErrorCode;
import app.alongside.platform.core.RequestContext;
import org.reactivestreams.Publisher;

import java.util.List;
import java.util.Optional;

/**
 * The subscriptions. Access is checked when a client subscribes (an unknown or hidden thread is NOT_FOUND, a role
 * that never sees threads FORBIDDEN) and again for every event against the stored accounts as they are now: a
 * young person moved to a council the service does not serve, or an advocate deactivated or moved, ends the
 * subscription with FORBIDDEN. Staff reads through events are audited like any other.
 */
public final class LiveEvents {
    private final EventBus bus;
    private final Conversations service;
    private final MessagingPolicy policy;
    private final AuditLog audit;
    private final int buffer;

    public LiveEvents(EventBus bus, Conversations service, MessagingPolicy policy, AuditLog audit, int buffer) {
        this.bus = bus;
        this.service = service;
        this.policy = policy;
        this.audit = audit;
        this.buffer = buffer;
    }

    public Publisher<Message> messageAdded(RequestContext context, String threadGlobalId) {
        Principal principal = policy.requireParticipant(context.principal());
        MessageThread thread = service.visibleThread(principal, threadGlobalId, List.of("threadId"));
        String threadId = thread.id();
        return new EventStream<>(bus, e -> e.kind() == MessagingEvent.Kind.MESSAGE_ADDED
                && threadId.equals(e.threadId()), event -> {
                    MessageThread now = service.thread(threadId).filter(t -> policy.canStillSee(principal, t))
                            .orElseThrow(() -> new ApiException(ErrorCode.FORBIDDEN,
                                    "You may no longer see this thread."));
                    Optional<Message> message = service.message(event.messageId());
                    if (message.isPresent() && principal instanceof Principal.Staff) {
                        audit.record(context, AuditAction.READ, Message.TYPE, message.get().id(),
                                now.youngPersonId(), "message received live");
                    }
                    return message;
                }, buffer);
    }

    public Publisher<Records.InboxEvent> inboxChanged(RequestContext context) {
        Principal.Staff staff = policy.requireAdvocacyStaff(context.principal());
        String serviceId = staff.organisationId();
        return new EventStream<>(bus, e -> serviceId.equals(e.serviceId()), event -> {
            if (!policy.stillInService(staff, serviceId)) {
                throw new ApiException(ErrorCode.FORBIDDEN, "You are no longer staff of this service.");
            }
            Optional<MessageThread> thread = service.thread(event.threadId()).filter(t -> policy.canSee(staff, t));
            if (thread.isEmpty()) {
                return Optional.empty();
            }
            audit.record(context, AuditAction.READ, MessageThread.TYPE, thread.get().id(),
                    thread.get().youngPersonId(), "inbox event received live");
            Message message = event.messageId() == null ? null : service.message(event.messageId()).orElse(null);
            return Optional.of(new Records.InboxEvent(event.kind(), thread.get(), message));
        }, buffer);
    }
}
