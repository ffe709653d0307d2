package app.alongside.messaging;

import app.alongside.platform.core.GlobalIds;
import app.alongside.push.PushCategory;
import app.alongside.push.PushIntent;
import app.alongside.push.PushOutbox;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AllocationEscalationPushSourceTest {
    private static final Instant DUE = Instant.parse("2026-11-27T14:00:00Z");
    private final AllocationEscalationPushSource source = new AllocationEscalationPushSource();

    private static Document advocacy(String status) {
        return new Document("_id", "y1").append("status", status).append("allocationDueAt", Date.from(DUE))
                .append("escalateTo", List.of("staff:m1")).append(PushOutbox.FIELD, PushOutbox.pending(DUE));
    }

    @Test
    void aPendingAllocationPastDueEscalatesToTheManagers() {
        String id = GlobalIds.encode("Advocacy", "y1");
        assertEquals(List.of(new PushIntent("staff:m1", PushCategory.ALLOCATION, "allocation.overdue",
                Map.of("advocacyId", id), PushIntent.collapseKey("allocation", id), DUE.toEpochMilli())),
                source.intents(advocacy("ALLOCATION_PENDING")));
        assertEquals("advocacy", source.collection());
    }

    @Test
    void anAllocationMadeOrDeclinedNeedsNothing() {
        assertTrue(source.intents(advocacy("ALLOCATED")).isEmpty());
        assertTrue(source.intents(advocacy("OPTED_OUT")).isEmpty());
        assertTrue(source.intents(advocacy("ALLOCATION_PENDING").append("allocationDueAt",
                Date.from(DUE.plusSeconds(60)))).isEmpty(), "a later due time has its own push");
    }
}
