package app.alongside.privacy.erasure;

import app.alongside.fixtures.Http;
import app.alongside.fixtures.Http.Reply;
import app.alongside.fixtures.OpportunityOps;
import app.alongside.fixtures.Ops;
import app.alongside.fixtures.Platform;
import app.alongside.fixtures.PushOps;
import app.alongside.fixtures.RecordsOps;
import app.alongside.fixtures.ServerExtension;
import app.alongside.platform.core.GlobalIds;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static app.alongside.privacy.erasure.ErasureOps.RequestView;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The right to erasure over HTTP with real app tokens: a young person reads the policy, asks, their council's LA
 * worker approves, and every kind the policy erases is gone from the store while the kept kinds stay and the
 * account can no longer sign in; a refusal keeps everything and tells them why.
 */
class ErasureJourneyIT {
    @RegisterExtension
    static final ServerExtension SERVER = ServerExtension.withPlatform();
    private final Http http = SERVER.http();
    private final Platform platform = SERVER.platform();

    @Test
    void thePolicySaysWhatIsKeptWhyForHowLongAndWhoDecides() {
        Reply reply = http.graphql(ErasureOps.POLICY);
        assertEquals(List.of(), reply.errors(), reply.body());
        List<Map<String, Object>> kinds = Ops.at(reply, "erasurePolicy", "kinds");
        Map<String, Object> concerns = kinds.stream().filter(k -> k.get("kind").equals("safeguardingConcerns"))
                .findFirst().orElseThrow();
        assertEquals("KEPT", concerns.get("outcome"));
        assertTrue(((String) concerns.get("why")).contains("concerns about your safety"), reply.body());
        assertTrue(((String) concerns.get("legalBasis")).contains("Art 17(3)(b)"));
        assertEquals(Map.of("period", "P6Y", "from", "TWENTY_FIFTH_BIRTHDAY"), concerns.get("retention"));
        assertEquals(List.of("profile", "sessions", "records", "goals", "entitlements", "opportunities",
                "devices"), kinds.stream().filter(k -> k.get("outcome").equals("ERASED")).map(k -> k.get("kind"))
                .toList());
        assertTrue(kinds.stream().filter(k -> k.get("outcome").equals("ERASED")).allMatch(k -> k.get("why") == null
                && k.get("retention") == null));
        assertEquals("P1M", Ops.at(reply, "erasurePolicy", "answerWithin"));
        assertTrue(Ops.<String>at(reply, "erasurePolicy", "decidedBy").contains("Your council"));
    }

    @Test
    void anApprovedErasureDeletesWhatThePolicySaysKeepsTheRestAndClosesTheAccount() {
        PushOps.Person person = PushOps.youngPerson(platform, http, "Esme");
        String stored = GlobalIds.decode(person.id()).orElseThrow().id();
        String threadId = fillEveryKind(person);

        RequestView asked = ErasureOps.payload(person.app().graphql(ErasureOps.REQUEST, Ops.input(Map.of(
                "confirm", true, "reason", "I want a fresh start"))), "requestErasure").erasureRequest();
        assertEquals("PENDING", asked.state());
        assertEquals(LocalDate.now(ZoneId.of("Europe/London")).plusMonths(1).toString(), asked.answerBy());
        assertEquals(asked.id(), Ops.<String>at(person.app().graphql(ErasureOps.MINE), "myErasureRequest", "id"));
        Reply pending = platform.as("laWorkerA").graphql(ErasureOps.LIST, Map.of("state", "PENDING"));
        assertTrue(ErasureOps.listed(pending).contains(asked.id()), pending.body());

        Reply decided = platform.as("laWorkerA").graphql(ErasureOps.DECIDE,
                ErasureOps.decision(asked.id(), "APPROVE", null));
        RequestView done = ErasureOps.payload(decided, "decideErasureRequest").erasureRequest();
        assertNotNull(done, decided.body());
        assertEquals("APPROVED", done.state());
        assertNotNull(done.carriedOutAt());
        for (String kind : List.of("records", "goals", "sharing", "interests", "savedOpportunities", "devices",
                "notificationSettings", "profile")) {
            assertEquals(1, done.result().count(kind), kind + " in " + decided.body());
        }
        assertEquals(2, done.result().count("sessions"), "the app account's link and the invite's record of it");
        assertEquals(List.of("messages", "safeguardingConcerns", "councilDetails", "accessLog", "yourRequests"),
                done.result().kept().stream().map(ErasureOps.KeptView::kind).toList());

        MongoDatabase db = SERVER.server().app().store().db();
        String owner = "yp:" + stored;
        for (var gone : Map.of("records", Filters.eq("ownerId", stored), "goals", Filters.eq("ownerId", stored),
                "recordIndex", Filters.eq("_id", stored), "interests", Filters.eq("youngPersonId", stored),
                "savedOpportunities", Filters.eq("youngPersonId", stored), "devices", Filters.eq("owner", owner),
                "pushPreferences", Filters.eq("_id", owner), "notifications", Filters.eq("recipient", owner),
                "appAccounts", Filters.eq("youngPersonId", stored)).entrySet()) {
            assertEquals(0, count(db, gone.getKey(), gone.getValue()), gone.getKey() + " still holds their data");
        }
        for (var kept : Map.of("messages", Filters.eq("youngPersonId", stored), "threads",
                Filters.eq("youngPersonId", stored), "safeguardingConcerns", Filters.eq("threadId",
                        GlobalIds.decode(threadId).orElseThrow().id()), "audit", Filters.eq("subjectId", stored))
                .entrySet()) {
            assertTrue(count(db, kept.getKey(), kept.getValue()) > 0, kept.getKey() + " must be kept");
        }
        Document profile = db.getCollection("youngPeople").find(Filters.eq("_id", stored)).first();
        assertEquals("[erased]", profile.getString("firstName"));
        assertNull(profile.get("preferredName"));
        assertNull(profile.get("pronouns"));
        assertNull(profile.get("firebaseUid"));
        assertEquals(0, count(db, "invites", Filters.and(Filters.eq("youngPersonId", person.id()),
                Filters.ne("usedByUid", null))));

        assertEquals(List.of("UNAUTHENTICATED"), person.app().graphql(Ops.VIEWER).errorCodes(),
                "a closed account cannot sign in");
        Reply approved = platform.as("laWorkerA").graphql(ErasureOps.LIST, Map.of("state", "APPROVED"));
        assertTrue(approved.body().contains("\"kind\":\"records\",\"count\":1"), approved.body());
    }

    @Test
    void aRefusalNeedsAReasonKeepsEverythingAndTheYoungPersonReadsWhy() {
        PushOps.Person person = PushOps.youngPerson(platform, http, "Rafe");
        String recordId = record(person);
        RequestView asked = ErasureOps.payload(person.app().graphql(ErasureOps.REQUEST, Ops.input(Map.of(
                "confirm", true))), "requestErasure").erasureRequest();

        Reply refused = platform.as("laWorkerA").graphql(ErasureOps.DECIDE, ErasureOps.decision(asked.id(), "REFUSE",
                "We are still working with you on a court case, so we must keep your records until it ends."));
        RequestView answer = ErasureOps.payload(refused, "decideErasureRequest").erasureRequest();
        assertEquals("REFUSED", answer.state(), refused.body());
        assertEquals(List.of(), answer.result().erased());

        RequestView mine = Ops.payload(person.app().graphql(ErasureOps.MINE), "myErasureRequest",
                RequestView.class);
        assertEquals("REFUSED", mine.state());
        assertTrue(mine.decisionReason().contains("court case"));
        assertEquals(recordId, Ops.at(person.app().graphql(RecordsOps.NODE, Map.of("id", recordId)), "node", "id"));
        assertEquals("Rafe", Ops.at(person.app().graphql(Ops.VIEWER), "viewer", "firstName"));
        Reply again = person.app().graphql(ErasureOps.REQUEST, Ops.input(Map.of("confirm", true)));
        assertEquals("PENDING", ErasureOps.payload(again, "requestErasure").erasureRequest().state(),
                "a refused request is closed, so they may ask again");
    }

    /** Gives the young person data of every kind; answers their advocacy thread's id. */
    private String fillEveryKind(PushOps.Person person) {
        String recordId = record(person);
        Reply goal = person.app().graphql(RecordsOps.CREATE_GOAL, Ops.input(Map.of("mission", "WORK",
                "title", "Find a job")));
        assertEquals(List.of(), Ops.userErrorCodes(goal, "createGoal"), goal.body());
        ok(person.app().graphql("mutation($input: ShareMissionInput!) { shareMission(input: $input) { userErrors "
                + "{ code } } }", Ops.input(Map.of("mission", "WORK", "shared", true))), "shareMission");
        assertNotNull(recordId);
        ok(person.app().graphql(PushOps.REGISTER_DEVICE, PushOps.device(PushOps.token("esme"), "ANDROID")),
                "registerDevice");
        ok(person.app().graphql(PushOps.UPDATE_PREFERENCES, Ops.input(Map.of("lockScreen", "DATA_ONLY"))),
                "updateNotificationPreferences");
        String opportunity = postAndApprove();
        ok(person.app().graphql("mutation($input: SaveOpportunityInput!) { saveOpportunity(input: $input) { "
                + "userErrors { code } } }", Ops.input(Map.of("opportunityId", opportunity))), "saveOpportunity");
        ok(person.app().graphql(OpportunityOps.INTEREST, Ops.input(Map.of("opportunityId", opportunity,
                "share", List.of("FIRST_NAME")))), "expressInterest");
        String threadId = Ops.at(person.app().graphql("{ myAdvocacy { thread { id } } }"), "myAdvocacy", "thread",
                "id");
        ok(person.app().graphql("mutation($input: SendMessageInput!) { sendMessage(input: $input) { userErrors "
                + "{ code } } }", Ops.input(Map.of("threadId", threadId, "body", "Hello", "clientMessageId", "m1"))),
                "sendMessage");
        ok(platform.as("advocate").graphql("mutation($input: SendMessageInput!) { sendMessage(input: $input) { "
                + "userErrors { code } } }", Ops.input(Map.of("threadId", threadId, "body", "Hi Esme",
                "clientMessageId", "a1"))), "sendMessage");
        ok(platform.as("advocate").graphql("mutation($input: RaiseSafeguardingConcernInput!) { "
                + "raiseSafeguardingConcern(input: $input) { userErrors { code } } }", Ops.input(Map.of(
                "threadId", threadId, "youngPersonToldFirst", true, "referredTo", "Duty team",
                "referredAt", "2026-01-05T10:00:00Z", "summary", "Worried about home"))), "raiseSafeguardingConcern");
        SERVER.server().app().push().runOnce();
        return threadId;
    }

    private static String record(PushOps.Person person) {
        Reply reply = person.app().graphql(RecordsOps.CREATE, Ops.input(Map.of("details", Map.of("job",
                RecordsOps.sampleDetails().get("job")))));
        String id = Ops.at(reply, "createRecord", "record", "id");
        assertNotNull(id, reply.body());
        return id;
    }

    private String postAndApprove() {
        Reply created = platform.as("corporate").graphql(OpportunityOps.CREATE, Ops.input(
                OpportunityOps.job("Cafe apprentice", "2027-06-30")));
        String id = Ops.at(created, "createOpportunity", "opportunity", "id");
        assertNotNull(id, created.body());
        ok(platform.as("corporate").graphql(OpportunityOps.action("submitOpportunity"), Ops.input(Map.of("id", id))),
                "submitOpportunity");
        ok(platform.admin.graphql(OpportunityOps.action("approveOpportunity"), Ops.input(Map.of("id", id))),
                "approveOpportunity");
        return id;
    }

    private static void ok(Reply reply, String mutation) {
        assertEquals(List.of(), reply.errors(), reply.body());
        assertEquals(List.of(), Ops.userErrorCodes(reply, mutation), reply.body());
    }

    private static long count(MongoDatabase db, String collection, Bson filter) {
        return db.getCollection(collection).countDocuments(filter);
    }
}
