package app.alongside.organisations;

import java.time.Instant;
import java.util.List;

/** An organisation as stored in {@code organisations}; {@code id} is the stored id (the schema's id is global). */
public record Organisation(String id, String name, OrganisationKind kind, CorporateParentSector sector,
                           List<String> servesLocalAuthorityIds, boolean active, Instant createdAt,
                           Instant updatedAt) {
    public static final String TYPE = "Organisation";

    public Organisation {
        servesLocalAuthorityIds = servesLocalAuthorityIds == null ? List.of() : List.copyOf(servesLocalAuthorityIds);
    }
}
