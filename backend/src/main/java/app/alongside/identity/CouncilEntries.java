package app.alongside.identity;

import app.alongside.audit.AuditAction;
import app.alongside.audit.AuditLog;
import app.alongside.platform.core.ApiException;
import app.alongside.platform.core.Input;
import app.alongside.platform.core.RequestContext;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * What a council enters about a young person at invite (first name, date of birth, legal status), which nobody
 * changes through the profile. The one way it changes is a correction the council agreed to, on the young person's
 * request (UK GDPR Article 16): this class checks a proposed value as the invite does and applies it.
 */
public final class CouncilEntries {
    /** The longest first name an invite takes. */
    public static final int MAX_FIRST_NAME = 50;

    /** The schema's {@code CorrectableField}: each entry, by the name it is stored under. */
    public enum Field {
        FIRST_NAME("firstName"), DATE_OF_BIRTH("dateOfBirth"), LEGAL_STATUS("legalStatus");

        private final String stored;

        Field(String stored) {
            this.stored = stored;
        }
    }

    private final YoungPersonRepository people;
    private final AuditLog audit;
    private final Clock clock;

    public CouncilEntries(YoungPersonRepository people, AuditLog audit, Clock clock) {
        this.people = people;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * The value of input field {@code name} as {@code field} takes it, checked as {@code createInvite} checks it;
     * bad input at that field otherwise. Answers it as stored (a date as {@code YYYY-MM-DD}, a status by name).
     */
    public String check(Field field, Input input, String name) {
        return switch (field) {
            case FIRST_NAME -> input.personName(name, MAX_FIRST_NAME);
            case LEGAL_STATUS -> input.requiredEnum(name, LegalStatus.class).name();
            case DATE_OF_BIRTH -> {
                LocalDate date;
                try {
                    date = LocalDate.parse(input.text(name, 1, 10));
                } catch (DateTimeParseException e) {
                    throw ApiException.badInput(input.at(name), "Use a date such as 2007-05-01.");
                }
                requireAge(date, clock.instant().atZone(YoungPeopleService.LONDON).toLocalDate(), input.at(name));
                yield date.toString();
            }
        };
    }

    /** What is held now, as {@link #check} spells it. */
    public static String valueOf(YoungPerson person, Field field) {
        return switch (field) {
            case FIRST_NAME -> person.firstName();
            case DATE_OF_BIRTH -> person.dateOfBirth().toString();
            case LEGAL_STATUS -> person.legalStatus().name();
        };
    }

    /** Changes one entry to a value {@link #check} accepted, and audits it as the caller's change. */
    public void apply(RequestContext context, String youngPersonId, Field field, String value) {
        people.correct(youngPersonId, field.stored, value, clock.instant());
        audit.record(context, AuditAction.UPDATE, YoungPerson.TYPE, youngPersonId, youngPersonId,
                "corrected on their request: " + field.name());
    }

    /** An invite's rule: the date of birth makes them {@link YoungPerson#MIN_AGE} to {@link YoungPerson#MAX_AGE}. */
    static void requireAge(LocalDate dateOfBirth, LocalDate today, List<String> field) {
        if (dateOfBirth.plusYears(YoungPerson.MIN_AGE).isAfter(today)
                || dateOfBirth.plusYears(YoungPerson.MAX_AGE + 1L).isBefore(today.plusDays(1))) {
            throw ApiException.badInput(field, "The date of birth must make them between " + YoungPerson.MIN_AGE
                    + " and " + YoungPerson.MAX_AGE + " years old.");
        }
    }
}
