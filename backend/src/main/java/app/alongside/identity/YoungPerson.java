package app.alongside.identity;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;

/**
 * A young person as stored in {@code youngPeople}. {@code firebaseUid} is set once, when they redeem an invite;
 * moving council changes {@code localAuthorityId} and nothing else, so their data and sign-in stay.
 */
public record YoungPerson(String id, String firstName, String preferredName, String pronouns, LocalDate dateOfBirth,
                          LegalStatus legalStatus, String localAuthorityId, String language,
                          ContactPreferences contactPreferences, String firebaseUid, Instant createdAt,
                          Instant updatedAt) {
    public static final String TYPE = app.alongside.kernel.PersonTypes.YOUNG_PERSON;
    /** One account from 16 to 25: an invite is for someone aged 16 to 25 (the Children's Code's user group). */
    public static final int MIN_AGE = 16;
    public static final int MAX_AGE = 25;

    /** The schema's {@code ContactPreferences}; all off by default (privacy by default). */
    public record ContactPreferences(boolean inApp, boolean email, boolean sms) {
        public static final ContactPreferences NONE = new ContactPreferences(false, false, false);
    }

    public int ageOn(LocalDate today) {
        return Period.between(dateOfBirth, today).getYears();
    }

    public boolean hasAppAccount() {
        return firebaseUid != null;
    }
}
