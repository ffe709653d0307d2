package app.alongside.opportunities;

import java.time.Instant;
import java.util.List;

/**
 * A young person's interest in an opportunity. It holds only what they chose to share, copied when they chose it;
 * {@code youngPersonId} is never shown to the poster.
 */
public record Interest(String id, String opportunityId, String youngPersonId, List<SharedField> shared,
                       String firstName, String email, String phone, String ageBand, String councilName,
                       String message, boolean withdrawn, Instant createdAt) {
    public static final String TYPE = "Interest";

    /** The schema's {@code SharedField}. */
    public enum SharedField { FIRST_NAME, EMAIL, PHONE, AGE_BAND, COUNCIL }
}
