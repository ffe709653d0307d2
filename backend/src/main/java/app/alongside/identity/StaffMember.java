package app.alongside.identity;

import app.alongside.kernel.StaffRole;

import java.time.Instant;

/**
 * A staff account as stored in {@code staff}. The password hash and lockout state stay in here; the schema
 * exposes neither. {@code passwordChangeRequired} is set while the password is one someone else chose (at
 * creation or a reset), until its owner changes it.
 */
public record StaffMember(String id, String name, String email, StaffRole role, String organisationId,
                          boolean active, String passwordHash, int failedSignIns, Instant lockedUntil,
                          Instant createdAt, Instant updatedAt, boolean passwordChangeRequired) {
    public static final String TYPE = app.alongside.kernel.PersonTypes.STAFF_MEMBER;
}
