package app.alongside.organisations;

import app.alongside.kernel.OrganisationKind;

import java.time.Instant;
import java.util.List;

/**
 * An organisation as stored in {@code organisations}; {@code id} is the stored id (the schema's id is global).
 * Councils have a {@code region} (null until an admin sets it); other kinds never do.
 */
public record Organisation(String id, String name, OrganisationKind kind, CorporateParentSector sector,
                           Region region, List<String> servesLocalAuthorityIds, boolean active, Instant createdAt,
                           Instant updatedAt) {
    public static final String TYPE = "Organisation";

    public Organisation {
        servesLocalAuthorityIds = servesLocalAuthorityIds == null ? List.of() : List.copyOf(servesLocalAuthorityIds);
    }
}
