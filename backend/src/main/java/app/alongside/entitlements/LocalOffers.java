package app.alongside.entitlements;

import app.alongside.audit.AuditAction;
import app.alongside.audit.AuditLog;
import app.alongside.identity.IdentityPolicy;
import app.alongside.kernel.OrganisationKind;
import app.alongside.kernel.Principal;
import app.alongside.kernel.StaffRole;
import app.alongside.organisations.Organisation;
import app.alongside.platform.core.ApiException;
import app.alongside.platform.core.ErrorCode;
import app.alongside.platform.core.Ids;
import app.alongside.platform.core.Input;
import app.alongside.platform.core.RequestContext;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The national catalogue and each council's own entitlements. Anyone may read a council's offer; only an LA
 * worker of that council, or an admin, may publish, revise or withdraw its entitlements, and each change is a new
 * version made against the current one, audited.
 */
final class LocalOffers {
    /** The schema's {@code LocalOffer}. */
    record LocalOffer(String councilId, List<Entitlement> national, List<Entitlement> local) {
    }

    private final NationalCatalogue catalogue;
    private final LocalEntitlementRepository locals;
    private final IdentityPolicy identity;
    private final Function<String, Optional<Organisation>> organisations;
    private final AuditLog audit;
    private final Clock clock;

    LocalOffers(NationalCatalogue catalogue, LocalEntitlementRepository locals, IdentityPolicy identity,
                Function<String, Optional<Organisation>> organisations, AuditLog audit, Clock clock) {
        this.catalogue = catalogue;
        this.locals = locals;
        this.identity = identity;
        this.organisations = organisations;
        this.audit = audit;
        this.clock = clock;
    }

    LocalDate today() {
        return clock.instant().atZone(app.alongside.identity.YoungPeopleService.LONDON).toLocalDate();
    }

    NationalCatalogue catalogue() {
        return catalogue;
    }

    List<Entitlement> national() {
        return catalogue.inForceOn(today());
    }

    /** The council's offer today; NOT_FOUND for an id that is not a council. */
    LocalOffer offer(String councilGlobalId) {
        String councilId = Input.decodeOrNotFound(councilGlobalId, Organisation.TYPE, List.of("councilId"));
        requireCouncil(councilId, List.of("councilId"));
        return new LocalOffer(councilId, national(), local(councilId));
    }

    /** The council's entitlements in force today. */
    List<Entitlement> local(String councilId) {
        LocalDate today = today();
        return locals.ofCouncil(councilId).stream().filter(e -> e.inForceOn(today)).toList();
    }

    /** The entitlement a claim names: a national one today, or a local one (even withdrawn since). */
    Optional<Entitlement> byKey(String key) {
        if (key.startsWith("local-")) {
            return locals.find(key.substring("local-".length()));
        }
        return catalogue.versionOn(key, today());
    }

    /** The entitlement behind a global id: {@code national:<key>} or a local one's id. */
    Optional<Entitlement> byId(String id) {
        return id.startsWith("national:") ? catalogue.versionOn(id.substring("national:".length()), today())
                : locals.find(id);
    }

    Entitlement publish(RequestContext context, Input input) {
        Principal.Staff staff = identity.requireRole(context.principal(), StaffRole.LA_WORKER, StaffRole.ADMIN);
        String councilId = staff.role() == StaffRole.ADMIN
                ? input.optionalId("councilId", Organisation.TYPE).orElseThrow(() -> ApiException.badInput(
                input.at("councilId"), "Required for an admin."))
                : staff.organisationId();
        if (staff.role() == StaffRole.LA_WORKER && input.optionalId("councilId", Organisation.TYPE)
                .filter(id -> !id.equals(staff.organisationId())).isPresent()) {
            audit.record(context, AuditAction.ACCESS_DENIED, Entitlement.TYPE, null, null, "another council");
            throw ApiException.forbidden();
        }
        requireCouncil(councilId, input.at("councilId"));
        LocalEntitlementInput fields = LocalEntitlementInput.read(input);
        String id = Ids.random();
        locals.insert(id, councilId, fields, staff.staffId(), clock.instant());
        audit.record(context, AuditAction.CREATE, Entitlement.TYPE, id, null, "published a local entitlement");
        return locals.find(id).orElseThrow();
    }

    Entitlement revise(RequestContext context, Input input) {
        Entitlement current = editable(context, input);
        LocalEntitlementInput fields = LocalEntitlementInput.read(input);
        if (!locals.revise(current, fields, clock.instant())) {
            throw stale(locals.find(current.id()).orElseThrow().version());
        }
        audit.record(context, AuditAction.UPDATE, Entitlement.TYPE, current.id(), null, "revised, version "
                + (current.version() + 1));
        return locals.find(current.id()).orElseThrow();
    }

    Entitlement withdraw(RequestContext context, Input input) {
        Entitlement current = editable(context, input);
        LocalDate lastDay = input.optionalDate("lastDay").orElseThrow(() -> ApiException.badInput(
                input.at("lastDay"), "Required."));
        if (lastDay.isBefore(current.effectiveFrom().minusDays(1)) || lastDay.isAfter(today().plusYears(5))) {
            throw ApiException.badInput(input.at("lastDay"), "Must be from the day before it starts to 5 years"
                    + " ahead.");
        }
        String reason = input.text("reason", 1, 500);
        if (current.withdrawn()) {
            throw ApiException.conflict("It is already withdrawn.");
        }
        if (!locals.withdraw(current, lastDay, reason, clock.instant())) {
            throw stale(locals.find(current.id()).orElseThrow().version());
        }
        audit.record(context, AuditAction.DELETE, Entitlement.TYPE, current.id(), null, "withdrawn from " + lastDay);
        return locals.find(current.id()).orElseThrow();
    }

    /** The local entitlement the input names, at its expected version, if the caller may change it. */
    private Entitlement editable(RequestContext context, Input input) {
        Principal.Staff staff = identity.requireRole(context.principal(), StaffRole.LA_WORKER, StaffRole.ADMIN);
        String id = input.id("entitlementId", Entitlement.TYPE);
        Entitlement current = locals.find(id).orElseThrow(ApiException::notFound);
        if (staff.role() == StaffRole.LA_WORKER && !current.councilId().equals(staff.organisationId())) {
            audit.record(context, AuditAction.ACCESS_DENIED, Entitlement.TYPE, id, null, "another council's");
            throw ApiException.notFound();
        }
        int expected = input.optionalInt("expectedVersion", 1, Integer.MAX_VALUE).orElseThrow(() ->
                ApiException.badInput(input.at("expectedVersion"), "Required."));
        if (expected != current.version()) {
            throw stale(current.version());
        }
        return current;
    }

    /** A stale expectedVersion: CONFLICT with the reason and the current version, as records answer one. */
    static ApiException stale(int currentVersion) {
        return new ApiException(ErrorCode.CONFLICT, "It was changed since you loaded it. Load it again.",
                List.of("input", "expectedVersion"), Map.of("reason", "STALE_VERSION", "currentVersion",
                currentVersion));
    }

    void requireCouncil(String councilId, List<String> field) {
        boolean council = organisations.apply(councilId).filter(o -> o.kind() == OrganisationKind.LOCAL_AUTHORITY)
                .isPresent();
        if (!council) {
            throw new ApiException(ErrorCode.NOT_FOUND, "No council has that id.", field, Map.of());
        }
    }
}
