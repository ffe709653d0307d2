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
 * Escalation of the allocation standard: a pending allocation records, in the same write, a push to the service's
 * managers due when a named advocate is. Allocating (or the young person opting out) rewrites the document without
 * it; if the dispatcher claims it, the allocation is overdue and each manager gets one {@value #KIND} push
 * (category ALLOCATION) with the allocation's id only.
 */
public final class AllocationEscalationPushSource implements PushSource {
    public static final String KIND = "allocation.overdue";

    @Override
    public String collection() {
        return AdvocacyRepository.COLLECTION;
    }

    @Override
    public List<PushIntent> intents(Document document) {
        Date due = document.getDate("allocationDueAt");
        Document push = document.get("push", Document.class);
        boolean pending = Advocacy.Status.ALLOCATION_PENDING.name().equals(document.getString("status"));
        if (!pending || due == null || push == null || push.getDate("dueAt") == null
                || due.after(push.getDate("dueAt"))) {
            return List.of();
        }
        String id = GlobalIds.encode(Advocacy.TYPE, document.getString("_id"));
        return document.getList("escalateTo", String.class, List.of()).stream()
                .map(recipient -> new PushIntent(recipient, PushCategory.ALLOCATION, KIND, Map.of("advocacyId", id),
                        PushIntent.collapseKey("allocation", id), due.getTime()))
                .toList();
    }
}
