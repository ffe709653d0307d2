package app.alongside.privacy.retention;

import app.alongside.fixtures.Engine;
import app.alongside.fixtures.EntitlementOps;
import app.alongside.fixtures.Http.Reply;
import app.alongside.fixtures.OpportunityOps;
import app.alongside.fixtures.Ops;
import app.alongside.fixtures.Platform;
import app.alongside.fixtures.PushOps;
import app.alongside.fixtures.RecordsOps;
import app.alongside.fixtures.ServerExtension;
import com.mongodb.client.MongoDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * The data inventory cannot drift from the code: a journey through the real server writes to every collection,
 * every document is read back from the store, and each collection and field must have a description and a
 * retention rule, each description a field still stored, and {@code docs/data-inventory.md} and
 * {@code docs/dpia-template.md} must be what they would be generated as. {@code -Dinventory.update=true} writes
 * them instead.
 */
class DataInventoryIT {
    @RegisterExtension
    /** A Tuesday in working hours, so that what the journey stores does not depend on when the test runs. */
    static final ServerExtension SERVER = ServerExtension.withPlatform(Map.of("MESSAGING_EVENT_BUS", "change-streams",
            "PUSH_DISPATCHER_ENABLED", "false"), Clock.fixed(Instant.parse("2026-11-24T11:00:00Z"), ZoneOffset.UTC));
    private static final Path INVENTORY = Path.of("../docs/data-inventory.md");
    private static final Path DPIA = Path.of("../docs/dpia-template.md");

    @Test
    void theInventoryAndTheDpiaTemplateAreWhatTheStoreHolds() throws Exception {
        journey();
        MongoDatabase db = SERVER.server().app().store().db();
        var descriptions = InventoryDocs.descriptions();
        var shapes = StoredShapes.read(db, InventoryDocs.wildcards(descriptions));
        List<RetentionRule> rules = RetentionRules.load(Optional.empty(), StoredCollections.ALL);
        List<String> problems = new ArrayList<>();
        for (RetentionRule rule : rules) {
            if (shapes.getOrDefault(rule.collection(), Map.of()).isEmpty()) {
                problems.add(rule.collection() + ": the journey stores nothing here; make it write a document");
            }
        }
        rules.stream().filter(r -> r.lawfulBasis().equals("not personal data")).forEach(r -> descriptions
                .getOrDefault(r.collection(), Map.of()).forEach((path, field) -> {
                    if (!field.category().equals("none")) {
                        problems.add(r.collection() + " | " + path + ": " + field.category() + ", but the rule says "
                                + "not personal data");
                    }
                }));
        shapes.forEach((collection, fields) -> {
            if (rules.stream().noneMatch(r -> r.collection().equals(collection))) {
                problems.add(collection + ": no retention rule in retention-rules.json (and StoredCollections)");
            }
            Map<String, InventoryDocs.Field> described = descriptions.getOrDefault(collection, Map.of());
            fields.keySet().stream().filter(path -> !described.containsKey(path)).forEach(path ->
                    problems.add(collection + " | " + path + " | " + String.join(", ", fields.get(path))
                            + ": no description in data-descriptions.txt"));
        });
        descriptions.forEach((collection, described) -> described.keySet().stream()
                .filter(path -> !shapes.getOrDefault(collection, Map.of()).containsKey(path)).forEach(path ->
                        problems.add(collection + " | " + path + ": described but no longer stored")));
        assertEquals(List.of(), problems, "fix data-descriptions.txt, retention-rules.json or the journey");

        compare(INVENTORY, InventoryDocs.inventory(shapes, descriptions, rules));
        compare(DPIA, InventoryDocs.dpia(descriptions, rules));
    }

    private static void compare(Path file, String generated) throws IOException {
        if (Boolean.getBoolean("inventory.update")) {
            Files.writeString(file, generated);
            return;
        }
        String current = Files.exists(file) ? Files.readString(file) : "";
        assertEquals(generated, current, file + " is not what would be generated: run DataInventoryIT with "
                + "-Dinventory.update=true and commit the result");
    }

    /** A young person with records, goals, messages, interest, a device and preferences; staff at work. */
    private static void journey() throws InterruptedException {
        Platform platform = SERVER.platform();
        Engine engine = Engine.of(SERVER.server().app());
        String[] invite = platform.invite("Mia");
        ok(engine.appUser("uid-mia").graphql(Ops.REDEEM_INVITE, Ops.input(Map.of("code", invite[1]))));
        Engine.Asker me = engine.youngPerson(invite[0], "uid-mia");
        Engine.Asker advocate = engine.staff(platform.staffIds.get("advocate"));
        Map<String, Map<String, Object>> samples = RecordsOps.sampleDetails();
        String kept = record(me, Map.of("details", Map.of("importantPerson", samples.get("importantPerson")),
                "clientMutationId", "inventory-1"));
        ok(me.graphql(RecordsOps.UPDATE, Ops.input(Map.of("id", kept, "version", 1, "notes", "Sundays"))));
        ok(me.graphql(RecordsOps.SHARE, Ops.input(Map.of("id", kept, "shared", true))));
        String gone = record(me, Map.of("details", Map.of("job", samples.get("job"))));
        ok(me.graphql("mutation($input: DeleteRecordInput!) { deleteRecord(input: $input) { userErrors { code } } }",
                Ops.input(Map.of("id", gone))));
        ok(me.graphql(RecordsOps.CREATE_GOAL, Ops.input(Map.of("mission", "WORK", "title", "Find a job"))));
        ok(me.graphql("mutation($input: ShareMissionInput!) { shareMission(input: $input) { userErrors { code } } }",
                Ops.input(Map.of("mission", "WORK", "shared", true))));
        ok(me.graphql(PushOps.REGISTER_DEVICE, PushOps.device(PushOps.token("mia"), "ANDROID")));
        ok(me.graphql(PushOps.UPDATE_PREFERENCES, Ops.input(Map.of("lockScreen", "DATA_ONLY", "categories",
                List.of(Map.of("category", "NEW_MESSAGE", "enabled", true),
                        Map.of("category", "ENTITLEMENT_GAPS", "enabled", true))))));
        String thread = Ops.at(me.graphql("{ myAdvocacy { thread { id } } }", Map.of()), "myAdvocacy", "thread",
                "id");
        ok(me.graphql(SEND, send(thread, "Can we talk about my flat?")));
        Reply answer = advocate.graphql(SEND, send(thread, "Of course. When suits you?"));
        ok(answer);
        ok(me.graphql("mutation($input: MarkThreadReadInput!) { markThreadRead(input: $input) { userErrors "
                + "{ code } } }", Ops.input(Map.of("threadId", thread))));
        ok(advocate.graphql("mutation($input: RaiseSafeguardingConcernInput!) { raiseSafeguardingConcern(input: "
                + "$input) { userErrors { code } } }", Ops.input(Map.of("threadId", thread, "youngPersonToldFirst",
                true, "referredTo", "Children's services duty team", "referredAt", "2026-01-05T10:00:00Z",
                "summary", "Worried about home"))));
        ok(platform.admin.graphql("mutation($input: SetSafeguardingPhrasesInput!) { setSafeguardingPhrases(input: "
                + "$input) { userErrors { code } } }", Ops.input(Map.of("serviceId", platform.advocacyService,
                "phrases", List.of("hurt myself", "not safe")))));
        ok(platform.admin.graphql("mutation($input: UpdateAdvocacyServiceInput!) { updateAdvocacyService(input: "
                + "$input) { userErrors { code } } }", Ops.input(Map.of("serviceId", platform.advocacyService,
                "about", "We are on your side."))));
        opportunity(platform, me);
        entitlements(platform, me);
        rights(engine, platform, me, Ops.at(answer, "sendMessage", "message", "id"));
        SERVER.server().app().push().runOnce();
        for (int i = 0; i < 100 && SERVER.server().app().store().db().getCollection(RetentionRuns.COLLECTION)
                .countDocuments() == 0; i++) {
            Thread.sleep(50);
        }
    }

    /** The privacy notice, a correction and a dispute with their answers, and a second young person's erasure. */
    private static void rights(Engine engine, Platform platform, Engine.Asker me, String advocatesMessage) {
        Engine.Asker council = engine.staff(platform.staffIds.get("laWorkerA"));
        ok(me.graphql("mutation($input: AcknowledgePrivacyNoticeInput!) { acknowledgePrivacyNotice(input: $input) "
                + "{ userErrors { code } } }", Ops.input(Map.of("feature", "ACCOUNT", "version", 1))));
        Reply correction = me.graphql("mutation($input: RequestCorrectionInput!) { requestCorrection(input: $input) "
                + "{ correctionRequest { id } userErrors { code } } }", Ops.input(Map.of("field", "FIRST_NAME",
                "proposedValue", "Mya", "reason", "It is spelt with a y")));
        ok(correction);
        ok(council.graphql("mutation($input: DecideCorrectionRequestInput!) { decideCorrectionRequest(input: $input) "
                + "{ userErrors { code } } }", Ops.input(Map.of("requestId", Ops.at(correction, "requestCorrection",
                "correctionRequest", "id"), "decision", "DECLINE", "reason", "The birth certificate says Mia"))));
        Reply dispute = me.graphql("mutation($input: DisputeStaffEntryInput!) { disputeStaffEntry(input: $input) "
                + "{ dispute { id } userErrors { code } } }", Ops.input(Map.of("entryId", advocatesMessage,
                "statement", "I asked about my flat, not a visit")));
        ok(dispute);
        ok(engine.staff(platform.staffIds.get("advocate")).graphql("mutation($input: RespondToDisputeInput!) { "
                + "respondToDispute(input: $input) { userErrors { code } } }", Ops.input(Map.of("disputeId",
                Ops.at(dispute, "disputeStaffEntry", "dispute", "id"), "response", "Thank you, noted."))));
        String[] invite = platform.invite("Noor");
        ok(engine.appUser("uid-noor").graphql(Ops.REDEEM_INVITE, Ops.input(Map.of("code", invite[1]))));
        Reply erasure = engine.youngPerson(invite[0], "uid-noor").graphql("mutation($input: RequestErasureInput!) "
                + "{ requestErasure(input: $input) { erasureRequest { id } userErrors { code } } }",
                Ops.input(Map.of("confirm", true, "reason", "I do not use the app any more")));
        ok(erasure);
        ok(council.graphql("mutation($input: DecideErasureRequestInput!) { decideErasureRequest(input: $input) "
                + "{ userErrors { code } } }", Ops.input(Map.of("requestId", Ops.at(erasure, "requestErasure",
                "erasureRequest", "id"), "decision", "APPROVE"))));
    }

    /**
     * A council's own entitlement, changed and withdrawn, and a claim below the national minimum, changed once: a
     * gap.
     */
    private static void entitlements(Platform platform, Engine.Asker me) {
        Reply published = platform.as("laWorkerA").graphql(EntitlementOps.PUBLISH,
                Ops.input(EntitlementOps.local(Map.of())));
        ok(published);
        Map<String, Object> revised = new HashMap<>(EntitlementOps.local(Map.of("title", "No council tax to 25")));
        revised.put("entitlementId", Ops.at(published, "publishLocalEntitlement", "entitlement", "id"));
        revised.put("expectedVersion", 1);
        ok(platform.as("laWorkerA").graphql(EntitlementOps.REVISE, Ops.input(revised)));
        ok(platform.as("laWorkerA").graphql(EntitlementOps.WITHDRAW, Ops.input(Map.of("entitlementId",
                revised.get("entitlementId"), "expectedVersion", 2, "lastDay", "2027-03-31",
                "reason", "Replaced by the county scheme"))));
        List<Map<String, Object>> national = Ops.at(platform.as("laWorkerA").graphql(EntitlementOps.NATIONAL),
                "nationalEntitlements");
        Object allowance = national.stream().filter(e -> "setting-up-home-allowance".equals(e.get("key")))
                .findFirst().orElseThrow().get("id");
        ok(me.graphql(EntitlementOps.TRACK, Ops.input(Map.of("entitlementId", allowance, "state", "ASKED_FOR",
                "on", "2026-04-01"))));
        ok(me.graphql(EntitlementOps.TRACK, Ops.input(Map.of("entitlementId", allowance, "state", "RECEIVED",
                "amountPence", 250_000, "on", "2026-05-01", "note", "Paid into my account", "expectedVersion", 1))));
        ok(me.graphql(EntitlementOps.SHARE_GAP, Ops.input(Map.of("kind", "ALLOWANCE_BELOW_MINIMUM",
                "with", List.of("ADVOCATE", "COUNCIL")))));
    }

    private static void opportunity(Platform platform, Engine.Asker me) {
        Reply created = platform.as("corporate").graphql(OpportunityOps.CREATE,
                Ops.input(OpportunityOps.job("Kitchen apprentice",
                        "2027-03-31")));
        String id = Ops.at(created, "createOpportunity", "opportunity", "id");
        assertNotNull(id, created.body());
        ok(platform.as("corporate").graphql(OpportunityOps.action("submitOpportunity"), Ops.input(Map.of("id", id))));
        ok(platform.admin.graphql(OpportunityOps.action("approveOpportunity"), Ops.input(Map.of("id", id))));
        ok(me.graphql("mutation($input: SaveOpportunityInput!) { saveOpportunity(input: $input) { userErrors "
                + "{ code } } }", Ops.input(Map.of("opportunityId", id))));
        ok(me.graphql(OpportunityOps.INTEREST, Ops.input(Map.of("opportunityId", id, "share",
                List.of("FIRST_NAME", "EMAIL", "AGE_BAND", "COUNCIL"), "email", "mia@example.test",
                "message", "I like cooking."))));
    }

    private static final String SEND = "mutation($input: SendMessageInput!) { sendMessage(input: $input) { "
            + "message { id } userErrors { code } } }";

    private static Map<String, Object> send(String thread, String body) {
        return Ops.input(Map.of("threadId", thread, "body", body, "clientMessageId", body.hashCode() + "-inv"));
    }

    private static String record(Engine.Asker me, Map<String, Object> input) {
        Reply reply = me.graphql(RecordsOps.CREATE, Ops.input(input));
        String id = Ops.at(reply, "createRecord", "record", "id");
        assertNotNull(id, reply.body());
        return id;
    }

    /** The reply has no errors and, where the operation has them, no user errors. */
    private static void ok(Reply reply) {
        assertEquals(List.of(), reply.errors() == null ? List.of() : reply.errors(), reply.body());
        assertEquals(-1, reply.body().indexOf("\"code\":\""), reply.body());
    }

}
