package app.alongside.entitlements;

import app.alongside.identity.YoungPerson;
import app.alongside.records.LifeRecord;
import app.alongside.records.RecordKind;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Builds a young person's {@link Situation} from their profile, their records (read server-side, private ones
 * too, for the rules that work for them) and their claims. Nothing read here is shown to anyone else.
 */
final class Situations {
    private final BiFunction<String, RecordKind, List<LifeRecord>> records;
    private final Function<String, List<EntitlementClaim>> claims;

    Situations(BiFunction<String, RecordKind, List<LifeRecord>> records,
               Function<String, List<EntitlementClaim>> claims) {
        this.records = records;
        this.claims = claims;
    }

    Situation of(YoungPerson person, LocalDate today) {
        Optional<String> activity = records.apply(person.id(), RecordKind.EET_STATUS).stream().findFirst()
                .map(r -> (String) r.details().get("activityCode"));
        Optional<String> home = records.apply(person.id(), RecordKind.ACCOMMODATION).stream()
                .filter(r -> current(r, today)).findFirst().map(r -> (String) r.details().get("accommodationCode"));
        Optional<Situation.HealthAssessment> health = records.apply(person.id(), RecordKind.HEALTH_ASSESSMENT)
                .stream().filter(r -> r.details().get("assessedOn") != null)
                .max(Comparator.comparing(r -> (LocalDate) r.details().get("assessedOn")))
                .map(r -> new Situation.HealthAssessment((LocalDate) r.details().get("assessedOn"),
                        (LocalDate) r.details().get("nextDueOn")));
        Map<String, EntitlementClaim> byKey = claims.apply(person.id()).stream()
                .collect(Collectors.toMap(EntitlementClaim::entitlementKey, c -> c));
        return new Situation(person, today, activity, home, health, byKey);
    }

    private static boolean current(LifeRecord record, LocalDate today) {
        LocalDate to = (LocalDate) record.details().get("toDate");
        return to == null || to.isAfter(today);
    }
}
