package app.alongside.privacy.erasure;

import app.alongside.platform.core.Json;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * What an erasure removes and what it keeps, read from {@code erasure-policy.json}: one row per kind of data, in
 * words a young person can read, with the legal reason, how long and from when for what is kept, and which
 * domains' erasure hooks carry out what is erased. It is the table a council reviews; the code only follows it.
 */
public record ErasurePolicy(String summary, String decidedBy, String answerWithin, List<Kind> kinds) {
    /** The schema's {@code ErasureOutcome}. */
    public enum Outcome { ERASED, KEPT }

    /** The schema's {@code RetentionStart}: the event the period counts from. */
    public enum RetentionStart { EACH_ENTRY, SERVICE_ENDS, TWENTY_FIFTH_BIRTHDAY }

    /** The schema's {@code RetentionPeriod}: an ISO 8601 period from an event. */
    public record Retention(String period, RetentionStart from) {
    }

    /** The schema's {@code ErasureKind}; {@code hooks} name the erasure hooks that erase it (none when kept). */
    public record Kind(String kind, String title, String whatItIs, Outcome outcome, String why, String legalBasis,
                       String keptFor, Retention retention, List<String> hooks) {
    }

    /** Reads the policy shipped with the server. */
    public static ErasurePolicy load() {
        try (InputStream in = ErasurePolicy.class.getResourceAsStream("erasure-policy.json")) {
            if (in == null) {
                throw new IllegalStateException("erasure-policy.json is missing");
            }
            Object parsed = new Json().parse(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                    .orElseThrow(() -> new IllegalStateException("erasure-policy.json is not JSON"));
            return from(map(parsed));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The kinds that are kept, in order. */
    public List<Kind> kept() {
        return kinds.stream().filter(k -> k.outcome() == Outcome.KEPT).toList();
    }

    /** Every hook the erased kinds name, in order. */
    public List<String> hooks() {
        return kinds.stream().flatMap(k -> k.hooks().stream()).toList();
    }

    private static ErasurePolicy from(Map<String, Object> doc) {
        List<Kind> kinds = list(doc.get("kinds")).stream().map(ErasurePolicy::map).map(ErasurePolicy::kind).toList();
        return new ErasurePolicy((String) doc.get("summary"), (String) doc.get("decidedBy"),
                (String) doc.get("answerWithin"), kinds);
    }

    private static Kind kind(Map<String, Object> row) {
        Map<String, Object> retention = row.get("retention") == null ? null : map(row.get("retention"));
        Outcome outcome = Outcome.valueOf((String) row.get("outcome"));
        List<String> hooks = list(row.get("hooks")).stream().map(String.class::cast).toList();
        if (outcome == Outcome.KEPT && (row.get("why") == null || retention == null || !hooks.isEmpty())) {
            throw new IllegalStateException("erasure-policy.json: kept kind " + row.get("kind")
                    + " needs a reason and a retention, and no hooks");
        }
        return new Kind((String) row.get("kind"), (String) row.get("title"), (String) row.get("whatItIs"), outcome,
                (String) row.get("why"), (String) row.get("legalBasis"), (String) row.get("keptFor"),
                retention == null ? null : new Retention((String) retention.get("period"),
                        RetentionStart.valueOf((String) retention.get("from"))), hooks);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        return value == null ? List.of() : (List<Object>) value;
    }
}
