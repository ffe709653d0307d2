package app.alongside.entitlements;

import app.alongside.entitlements.Entitlement.Circumstance;
import app.alongside.entitlements.Entitlement.Eligibility;
import app.alongside.identity.LegalStatus;
import app.alongside.platform.config.StartupException;
import app.alongside.records.Mission;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;

import java.io.InputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The national entitlements of care leavers in England, shipped as {@code national-entitlements.json}: law and
 * guidance kept as data with its source, each change a new version with the dates it is in force. The file is
 * checked at start: a bad file stops the server rather than tell a young person something wrong.
 */
public final class NationalCatalogue {
    private static final Pattern KEY = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    /** The file's shape. */
    public static final class EntryFile {
        public String key;
        public String mission;
        public List<VersionFile> versions;
    }

    /** The file's shape. */
    public static final class VersionFile {
        public String effectiveFrom;
        public String effectiveTo;
        public String title;
        public String summary;
        public EligibilityFile eligibility;
        public Integer amountPence;
        public String level;
        public String howToClaim;
        public String source;
        public String sourceUrl;
    }

    /** The file's shape. */
    public static final class EligibilityFile {
        public List<String> legalStatuses = List.of();
        public Integer minAge;
        public Integer maxAge;
        public List<String> circumstances = List.of();
        public String summary;
    }

    private final Map<String, List<Entitlement>> versions = new LinkedHashMap<>();

    public NationalCatalogue() {
        this(NationalCatalogue.class.getResourceAsStream("national-entitlements.json"));
    }

    /** Reads and checks a catalogue; {@link StartupException} naming the entry and field when it is wrong. */
    public NationalCatalogue(InputStream in) {
        EntryFile[] entries;
        try (in; Jsonb jsonb = JsonbBuilder.create()) {
            entries = jsonb.fromJson(in, EntryFile[].class);
        } catch (Exception e) {
            throw new StartupException("national-entitlements.json cannot be read: " + e.getMessage(), e);
        }
        for (EntryFile entry : entries) {
            check(entry.key != null && KEY.matcher(entry.key).matches(), entry.key, "key");
            check(!versions.containsKey(entry.key), entry.key, "key (twice)");
            versions.put(entry.key, versionsOf(entry));
        }
    }

    private static List<Entitlement> versionsOf(EntryFile entry) {
        check(entry.versions != null && !entry.versions.isEmpty(), entry.key, "versions");
        Mission mission = parse(Mission.class, entry.mission, entry.key, "mission");
        List<Entitlement> list = new ArrayList<>();
        LocalDate previousEnd = null;
        for (int i = 0; i < entry.versions.size(); i++) {
            VersionFile v = entry.versions.get(i);
            String where = entry.key + " version " + (i + 1);
            LocalDate from = date(v.effectiveFrom, where, "effectiveFrom");
            LocalDate to = v.effectiveTo == null ? null : date(v.effectiveTo, where, "effectiveTo");
            check(to == null || to.isAfter(from), where, "effectiveTo");
            check(i == 0 || (previousEnd != null && from.equals(previousEnd.plusDays(1))), where,
                    "effectiveFrom (must follow the previous version's effectiveTo)");
            check(i == entry.versions.size() - 1 || to != null, where, "effectiveTo (only the last may be open)");
            checkText(v.title, 120, where, "title");
            checkText(v.summary, 2000, where, "summary");
            checkText(v.howToClaim, 2000, where, "howToClaim");
            checkText(v.source, 300, where, "source");
            check(v.sourceUrl != null && v.sourceUrl.startsWith("https://"), where, "sourceUrl");
            check(v.amountPence == null || (v.amountPence >= 0 && v.amountPence <= LocalEntitlementInput.MAX_PENCE),
                    where, "amountPence");
            check(v.amountPence != null || v.level != null, where, "amountPence or level");
            list.add(new Entitlement("national:" + entry.key, entry.key, Entitlement.Scope.NATIONAL, null, i + 1,
                    v.title, v.summary, mission, eligibility(v.eligibility, where), v.amountPence, v.level,
                    v.howToClaim, v.source, v.sourceUrl, from, to, false, List.of()));
            previousEnd = to;
        }
        return withHistory(list);
    }

    private static List<Entitlement> withHistory(List<Entitlement> list) {
        List<Entitlement> result = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            Entitlement e = list.get(i);
            List<Entitlement.Version> earlier = list.subList(0, i).reversed().stream().map(p -> new Entitlement
                    .Version(p.version(), p.title(), p.summary(), p.eligibility(), p.amountPence(), p.level(),
                    p.howToClaim(), p.source(), p.effectiveFrom(), p.effectiveTo(),
                    p.effectiveFrom().atStartOfDay(java.time.ZoneOffset.UTC).toInstant())).toList();
            result.add(new Entitlement(e.id(), e.key(), e.scope(), null, e.version(), e.title(), e.summary(),
                    e.mission(), e.eligibility(), e.amountPence(), e.level(), e.howToClaim(), e.source(),
                    e.sourceUrl(), e.effectiveFrom(), e.effectiveTo(), false, earlier));
        }
        return List.copyOf(result);
    }

    private static Eligibility eligibility(EligibilityFile file, String where) {
        check(file != null, where, "eligibility");
        checkText(file.summary, 300, where, "eligibility.summary");
        check(LocalEntitlementInput.agesValid(file.minAge, file.maxAge), where, "eligibility ages");
        Set<String> seen = new HashSet<>();
        List<LegalStatus> statuses = file.legalStatuses.stream().filter(seen::add)
                .map(s -> parse(LegalStatus.class, s, where, "eligibility.legalStatuses")).toList();
        List<Circumstance> circumstances = file.circumstances.stream()
                .map(c -> parse(Circumstance.class, c, where, "eligibility.circumstances")).toList();
        return new Eligibility(statuses, file.minAge, file.maxAge, circumstances, file.summary);
    }

    /** Every entitlement in force on {@code day}, in file order. */
    public List<Entitlement> inForceOn(LocalDate day) {
        return versions.values().stream().flatMap(list -> list.stream().filter(e -> e.inForceOn(day)).limit(1))
                .toList();
    }

    /** The version of {@code key} in force on {@code day}. */
    public Optional<Entitlement> versionOn(String key, LocalDate day) {
        return versions.getOrDefault(key, List.of()).stream().filter(e -> e.inForceOn(day)).findFirst();
    }

    public boolean has(String key) {
        return versions.containsKey(key);
    }

    private static LocalDate date(String text, String where, String field) {
        try {
            return LocalDate.parse(text);
        } catch (RuntimeException e) {
            throw bad(where, field);
        }
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value, String where, String field) {
        try {
            return Enum.valueOf(type, value);
        } catch (RuntimeException e) {
            throw bad(where, field);
        }
    }

    private static void checkText(String text, int max, String where, String field) {
        check(text != null && !text.isBlank() && text.length() <= max, where, field);
    }

    private static void check(boolean ok, String where, String field) {
        if (!ok) {
            throw bad(where, field);
        }
    }

    private static StartupException bad(String where, String field) {
        return new StartupException("national-entitlements.json: " + where + ": bad " + field);
    }
}
