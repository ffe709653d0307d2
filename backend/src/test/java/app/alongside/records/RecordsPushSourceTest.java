package app.alongside.records;

import app.alongside.platform.core.GlobalIds;
import app.alongside.push.PushCategory;
import app.alongside.push.PushIntent;
import app.alongside.push.PushSource;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.util.Date;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The reminders records ask for: ids, a fixed word and a date only, under the REMINDERS category. */
class RecordsPushSourceTest {
    private final List<PushSource> sources = RecordsPushSource.sources();

    @Test
    void anAppointmentReminderNamesTheRecordOnly() {
        Document record = new Document("_id", "rec1").append("ownerId", "yp1").append("version", 3)
                .append("kind", RecordKind.HEALTH_APPOINTMENT.name())
                .append("details", new Document("withWhom", "Dr Patel, sexual health clinic"));
        List<PushIntent> intents = sources.getFirst().intents(record);
        assertEquals(1, intents.size());
        PushIntent intent = intents.getFirst();
        assertEquals("yp:yp1", intent.recipient());
        assertEquals(PushCategory.REMINDERS, intent.category());
        assertEquals("reminder.due", intent.kind());
        assertEquals(Map.of("reminder", "APPOINTMENT", "recordId", GlobalIds.encode("Record", "rec1")),
                intent.data());
        assertEquals(3, intent.sequence());
        assertTrue(intent.collapseKey().length() <= 64 && intent.collapseKey().startsWith("reminder:"),
                "a collapse key FCM and APNs accept: " + intent.collapseKey());
    }

    @Test
    void deletedOrOtherRecordsNeedNoPush() {
        Document deleted = new Document("_id", "rec1").append("ownerId", "yp1").append("deletedAt", new Date())
                .append("kind", RecordKind.HEALTH_APPOINTMENT.name());
        Document job = new Document("_id", "rec2").append("ownerId", "yp1").append("kind", RecordKind.JOB.name());
        assertEquals(List.of(), sources.getFirst().intents(deleted));
        assertEquals(List.of(), sources.getFirst().intents(job));
    }

    @Test
    void thePathwayReviewReminderCarriesItsDate() {
        Document index = new Document("_id", "yp1").append("pathwayReview", new Document("reviewDate", "2027-03-15")
                .append("remindDaysBefore", 7).append("remindAt", new Date(1_804_000_000_000L)));
        PushIntent intent = sources.get(1).intents(index).getFirst();
        assertEquals(Map.of("reminder", "PATHWAY_PLAN_REVIEW", "reviewDate", "2027-03-15"), intent.data());
        assertEquals("yp:yp1", intent.recipient());
    }
}
