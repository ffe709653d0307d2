package app.alongside.privacy.retention;

import app.alongside.platform.config.StartupException;
import app.alongside.platform.core.Json;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Period;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads and checks the retention rules: the shipped {@code retention-rules.json}, or a deployer's own file
 * ({@code PRIVACY_RETENTION_RULES}). A rule for a collection the platform does not store, a collection without a
 * rule, a period that is not ISO-8601, or a rule without a lawful basis stops the server at start, with every
 * problem named, so that no deployment runs on rules nobody can read.
 */
public final class RetentionRules {
    public static final String RESOURCE = "retention-rules.json";
    private static final Pattern FIELD = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*");

    private RetentionRules() {
    }

    /** The rules in {@code file}, or the shipped ones when it is empty, checked against the stored collections. */
    public static List<RetentionRule> load(Optional<String> file, Set<String> collections) {
        String source = file.orElse("the shipped " + RESOURCE);
        return parse(file.map(RetentionRules::readFile).orElseGet(RetentionRules::readShipped), source, collections);
    }

    /** The rules in {@code text}; {@code source} names where it came from in the error. */
    public static List<RetentionRule> parse(String text, String source, Set<String> collections) {
        Object tree = new Json().parse(text).orElseThrow(() -> new StartupException(
                "retention rules in " + source + " are not JSON"));
        if (!(tree instanceof Map<?, ?> top) || !(top.get("rules") instanceof List<?> entries)) {
            throw new StartupException("retention rules in " + source + " must be an object with a \"rules\" list");
        }
        List<String> problems = new ArrayList<>();
        List<RetentionRule> rules = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (Object entry : entries) {
            String where = "rule " + (rules.size() + 1);
            if (!(entry instanceof Map<?, ?> fields)) {
                problems.add(where + " is not an object");
                continue;
            }
            RetentionRule rule = rule(fields);
            List<String> wrong = check(rule, collections, seen);
            wrong.forEach(problem -> problems.add(where + " (" + rule.collection() + "): " + problem));
            rules.add(rule);
        }
        collections.stream().filter(c -> !seen.contains(c)).sorted()
                .forEach(c -> problems.add("collection " + c + " has no rule"));
        if (!problems.isEmpty()) {
            throw new StartupException("retention rules in " + source + " cannot be used (see docs/data-inventory.md "
                    + "and backend/README.md, \"Retention\"): " + String.join("; ", problems));
        }
        return List.copyOf(rules);
    }

    private static RetentionRule rule(Map<?, ?> fields) {
        String action = text(fields, "action");
        String applier = "KEEP".equals(action) ? RetentionRule.NOTHING : RetentionRule.THIS_JOB;
        return new RetentionRule(text(fields, "collection"), text(fields, "holds"), text(fields, "lawfulBasis"),
                text(fields, "condition"), Optional.ofNullable(text(fields, "period")),
                Optional.ofNullable(text(fields, "countsFrom")),
                "DELETE".equals(action) ? RetentionRule.Action.DELETE
                        : "KEEP".equals(action) ? RetentionRule.Action.KEEP : null,
                text(fields, "reason"), Optional.ofNullable(text(fields, "appliedBy")).orElse(applier),
                text(fields, "changedBy"));
    }

    private static List<String> check(RetentionRule rule, Set<String> collections, Set<String> seen) {
        List<String> problems = new ArrayList<>();
        if (rule.collection() == null || !collections.contains(rule.collection())) {
            problems.add("the platform stores no collection of that name (it stores " + String.join(", ",
                    collections.stream().sorted().toList()) + ")");
        } else if (!seen.add(rule.collection())) {
            problems.add("the collection has a rule already");
        }
        required(rule.holds(), "holds", problems);
        required(rule.lawfulBasis(), "lawfulBasis (a UK GDPR Art 6 basis, or \"not personal data\")", problems);
        required(rule.changedBy(), "changedBy", problems);
        if (rule.action() == null) {
            problems.add("action must be DELETE or KEEP");
        } else if (rule.action() == RetentionRule.Action.KEEP) {
            required(rule.reason(), "reason (why it is kept)", problems);
        } else if (rule.period().isEmpty()) {
            problems.add("a DELETE rule needs a period");
        }
        rule.period().ifPresent(period -> checkPeriod(period, rule.countsFrom(), problems));
        if (rule.action() == RetentionRule.Action.DELETE && rule.appliedByThisJob()
                && rule.period().filter(RetentionRules::zero).isPresent()) {
            problems.add("a period of zero would have this job delete the whole collection at once; give a longer "
                    + "one, or name the TTL index or job that applies it (appliedBy)");
        }
        if (rule.countsFrom().filter(RetentionRule.TWENTY_FIFTH_BIRTHDAY::equals).isPresent()
                && rule.action() == RetentionRule.Action.DELETE && !"youngPeople".equals(rule.collection())) {
            problems.add("only youngPeople holds a date of birth to count \"" + RetentionRule.TWENTY_FIFTH_BIRTHDAY
                    + "\" from");
        }
        return problems;
    }

    private static void checkPeriod(String period, Optional<String> countsFrom, List<String> problems) {
        if (!validPeriod(period)) {
            problems.add("period \"" + period + "\" is not an ISO-8601 period such as P6Y, P30D or PT12H");
        }
        String from = countsFrom.orElse("");
        if (!RetentionRule.TWENTY_FIFTH_BIRTHDAY.equals(from) && !FIELD.matcher(from).matches()) {
            problems.add("countsFrom must name a date field of the document, or be \""
                    + RetentionRule.TWENTY_FIFTH_BIRTHDAY + "\"");
        }
    }

    private static boolean zero(String period) {
        try {
            return period.contains("T") ? Duration.parse(period).isZero() : Period.parse(period).isZero();
        } catch (DateTimeException e) {
            return false;
        }
    }

    private static boolean validPeriod(String period) {
        try {
            if (period.contains("T")) {
                return !Duration.parse(period).isNegative();
            }
            return !Period.parse(period).isNegative();
        } catch (DateTimeException e) {
            return false;
        }
    }

    private static void required(String value, String name, List<String> problems) {
        if (value == null) {
            problems.add(name + " is missing");
        }
    }

    private static String text(Map<?, ?> fields, String name) {
        return fields.get(name) instanceof String s && !s.isBlank() ? s.strip() : null;
    }

    private static String readFile(String file) {
        try {
            return Files.readString(Path.of(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new StartupException("PRIVACY_RETENTION_RULES names " + file + ", which cannot be read: " + e, e);
        }
    }

    private static String readShipped() {
        try (InputStream in = RetentionRules.class.getResourceAsStream(RESOURCE)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
