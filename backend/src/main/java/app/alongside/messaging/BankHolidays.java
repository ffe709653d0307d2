package app.alongside.messaging;

import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collections;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Watches the end of {@code MESSAGING_BANK_HOLIDAYS}: past its last date the response standard counts bank holidays
 * as working days. A warning at start-up and a note in readiness (which stays UP) within {@link #WARN_DAYS} days.
 */
public final class BankHolidays implements HealthCheck {
    private static final Logger LOG = Logger.getLogger(BankHolidays.class.getName());
    static final int WARN_DAYS = 90;
    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    private final Optional<LocalDate> last;
    private final Clock clock;

    public BankHolidays(Set<LocalDate> holidays, Clock clock) {
        this.last = holidays.isEmpty() ? Optional.empty() : Optional.of(Collections.max(holidays));
        this.clock = clock;
    }

    /** A warning when the list runs out within {@link #WARN_DAYS} days, or is empty. */
    public Optional<String> warning() {
        LocalDate today = LocalDate.now(clock.withZone(LONDON));
        if (last.isEmpty()) {
            return Optional.of("MESSAGING_BANK_HOLIDAYS is empty: the response standard counts bank holidays as "
                    + "working days");
        }
        if (last.get().isBefore(today.plusDays(WARN_DAYS))) {
            return Optional.of("MESSAGING_BANK_HOLIDAYS ends on " + last.get() + ": add the coming years' dates, or "
                    + "the response standard will count bank holidays after it as working days");
        }
        return Optional.empty();
    }

    public void warnAtStart() {
        warning().ifPresent(LOG::warning);
    }

    @Override
    public HealthCheckType type() {
        return HealthCheckType.READINESS;
    }

    @Override
    public String name() {
        return "bank-holidays";
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponse.Builder response = HealthCheckResponse.builder().status(true)
                .detail("lastDate", last.map(LocalDate::toString).orElse("none"));
        warning().ifPresent(text -> response.detail("warning", text));
        return response.build();
    }
}
