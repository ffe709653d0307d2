package app.alongside.privacy.retention;

import app.alongside.fixtures.MutableClock;
import app.alongside.fixtures.TestServer;
import app.alongside.platform.observe.Meters;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.micrometer.core.instrument.Counter;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The job on the real store with a clock moved by hand: it deletes exactly what has expired under a rule it owns,
 * keeps what has not, what has no date and what a KEEP rule or another job covers, works in batches, counts what
 * it deleted and records each run.
 */
class RetentionJobIT {
    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private static final MutableClock CLOCK = new MutableClock(NOW);
    private static TestServer server;
    private static MongoDatabase db;

    @BeforeAll
    static void start() throws InterruptedException {
        server = TestServer.start(Map.of(), CLOCK).ready();
        db = server.app().store().db();
        for (int i = 0; i < 200 && db.getCollection(RetentionRuns.COLLECTION).countDocuments() == 0; i++) {
            Thread.sleep(50);
        }
        assertEquals(1, db.getCollection(RetentionRuns.COLLECTION).countDocuments(),
                "the server's own job ran once at start, before anything below was planted");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void deletesExactlyWhatExpiredAndRecordsTheRun() {
        var invites = db.getCollection("invites");
        invites.insertMany(List.of(invite("expired-31-days-ago", NOW.minus(Duration.ofDays(31))),
                invite("expired-29-days-ago", NOW.minus(Duration.ofDays(29))), new Document("_id", "no-date")));
        var claims = db.getCollection("idempotency");
        List<Document> old = new ArrayList<>(IntStream.range(0, 1_201).mapToObj(i -> new Document("_id", "old-" + i)
                .append("createdAt", Date.from(NOW.minus(Duration.ofDays(40))))).toList());
        old.add(new Document("_id", "recent").append("createdAt", Date.from(NOW.minus(Duration.ofDays(1)))));
        claims.insertMany(old);
        db.getCollection("goals").insertOne(new Document("_id", "kept-goal")
                .append("createdAt", Date.from(Instant.parse("2001-01-01T00:00:00Z"))));
        db.getCollection("notifications").insertOne(new Document("_id", "another-jobs").append("state", "PLANTED")
                .append("updatedAt", Date.from(Instant.parse("2001-01-01T00:00:00Z"))));
        double countedBefore = counted("idempotency");

        RetentionRuns.RetentionRun run = job().runOnce();

        assertEquals(NOW, run.startedAt());
        RetentionRuns.RuleResult invitesResult = result(run, "invites");
        assertEquals(NOW.minus(Duration.ofDays(30)), invitesResult.cutoff());
        assertEquals(1, invitesResult.deleted());
        assertNull(invitesResult.error());
        assertEquals(List.of("expired-29-days-ago", "no-date"), ids(invites.find()));
        assertEquals(1_201, result(run, "idempotency").deleted(), "three batches of at most 500");
        assertEquals(List.of("recent"), ids(claims.find()));
        assertEquals(1_201, counted("idempotency") - countedBefore, 0.0, "the meter counts each deletion");
        assertEquals(1, db.getCollection("goals").countDocuments(Filters.eq("_id", "kept-goal")), "KEEP");
        assertEquals(1, db.getCollection("notifications").countDocuments(Filters.eq("_id", "another-jobs")),
                "the push retention job, not this one, applies the notifications rule");
        assertEquals(List.of("invites", "interests", "savedOpportunities", "devices", "idempotency",
                "retentionRuns", "privacyAcknowledgements", "correctionRequests", "erasureRequests"), run.results().stream().map(RetentionRuns.RuleResult::collection).toList(),
                "only the DELETE rules the job owns, in file order");
        Document stored = db.getCollection(RetentionRuns.COLLECTION).find(Filters.eq("_id", run.id())).first();
        assertEquals(Date.from(NOW), stored.getDate("startedAt"));
        assertEquals(1, stored.getList("results", Document.class).getFirst().getInteger("deleted"));

        CLOCK.advance(Duration.ofDays(2));
        RetentionRuns.RetentionRun later = job().runOnce();
        assertEquals(1, result(later, "invites").deleted(), "the invite that expired 29 days ago is now past 30");
        assertEquals(List.of("no-date"), ids(invites.find()), "a document without the date field is never deleted");
        assertEquals(0, result(later, "idempotency").deleted());
        assertTrue(db.getCollection(RetentionRuns.COLLECTION).countDocuments() >= 3);
    }

    @Test
    void aPeriodFromTheTwentyFifthBirthdayReadsTheDateOfBirth() {
        var people = db.getCollection("youngPeople");
        people.insertMany(List.of(new Document("_id", "born-1990").append("dateOfBirth", "1990-01-01"),
                new Document("_id", "born-2000").append("dateOfBirth", "2000-01-01")));
        RetentionRule rule = new RetentionRule("youngPeople", "profiles", "Art 6(1)(e)", null, Optional.of("P6Y"),
                Optional.of(RetentionRule.TWENTY_FIFTH_BIRTHDAY), RetentionRule.Action.DELETE, null,
                RetentionRule.THIS_JOB, "the DPO");
        RetentionRuns.RetentionRun run = new RetentionJob(List.of(rule), db, new RetentionRuns(db), CLOCK,
                Meters.global().registry(), Duration.ofHours(1)).runOnce();
        assertEquals(1, result(run, "youngPeople").deleted());
        assertEquals(List.of("born-2000"), ids(people.find(Filters.in("_id", "born-1990", "born-2000"))),
                "25 in 2015 and six years on; 25 in 2025, kept");
    }

    private static RetentionJob job() {
        return new RetentionJob(RetentionRules.load(Optional.empty(), StoredCollections.ALL), db,
                new RetentionRuns(db), CLOCK, Meters.global().registry(), Duration.ofHours(1));
    }

    private static Document invite(String id, Instant expiresAt) {
        return new Document("_id", id).append("youngPersonId", "someone").append("expiresAt", Date.from(expiresAt));
    }

    private static RetentionRuns.RuleResult result(RetentionRuns.RetentionRun run, String collection) {
        return run.results().stream().filter(r -> r.collection().equals(collection)).findFirst().orElseThrow();
    }

    private static List<String> ids(Iterable<Document> documents) {
        List<String> ids = new ArrayList<>();
        documents.forEach(d -> ids.add(d.getString("_id")));
        return ids.stream().sorted().toList();
    }

    private static double counted(String collection) {
        Counter counter = Meters.global().registry().find("retention_deleted_total").tag("collection", collection)
                .counter();
        return counter == null ? 0 : counter.count();
    }
}
