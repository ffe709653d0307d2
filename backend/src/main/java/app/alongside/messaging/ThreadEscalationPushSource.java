package app.alongside.messaging;

import app.alongside.platform.core.GlobalIds;
import app.alongside.push.PushCategory;
import app.alongside.push.PushIntent;
import app.alongside.push.PushSource;
import org.bson.Document;

import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * Escalation of the response standard: a thread whose clock starts records, in the same write, a push to the
 * service's managers due when the reply is. A reply before then removes it; if the dispatcher claims it, the reply
 * is overdue and each manager gets one {@value #KIND} push (category URGENT: an overdue child needs a person now),
 * carrying the thread's id only.
 */
public final class ThreadEscalationPushSource implements PushSource {
    public static final String KIND = "thread.overdue";

    @Override
    public String collection() {
        return ThreadRepository.COLLECTION;
    }

    @Override
    public List<PushIntent> intents(Document document) {
        Date due = document.getDate("replyDueAt");
        Document push = document.get("push", Document.class);
        if (due == null || push == null || push.getDate("dueAt") == null || due.after(push.getDate("dueAt"))) {
            return List.of();
        }
        String threadId = GlobalIds.encode(MessageThread.TYPE, document.getString("_id"));
        long sequence = ((Number) document.get("lastSequence")).longValue();
        return document.getList("escalateTo", String.class, List.of()).stream()
                .map(recipient -> new PushIntent(recipient, PushCategory.URGENT, KIND, Map.of("threadId", threadId),
                        PushIntent.collapseKey("overdue", threadId), sequence))
                .toList();
    }
}
