package app.alongside.organisations;

import app.alongside.audit.AuditAction;
import app.alongside.audit.AuditLog;
import app.alongside.kernel.OrganisationKind;
import app.alongside.platform.core.ApiException;
import app.alongside.platform.core.Connections;
import app.alongside.platform.core.ErrorCode;
import app.alongside.platform.core.Input;
import app.alongside.platform.core.RequestContext;
import app.alongside.platform.store.Idempotency;
import app.alongside.platform.store.Mongo;
import com.mongodb.MongoServerException;
import com.mongodb.MongoWriteException;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Creating, changing and listing organisations, with the access policy and the audit log. */
public final class OrganisationService {
    private static final int MAX_COUNCILS_SERVED = 50;

    private final OrganisationRepository repository;
    private final OrganisationPolicy policy;
    private final AuditLog audit;
    private final Idempotency idempotency;
    private final Clock clock;

    public OrganisationService(OrganisationRepository repository, OrganisationPolicy policy, AuditLog audit,
                               Idempotency idempotency, Clock clock) {
        this.repository = repository;
        this.policy = policy;
        this.audit = audit;
        this.idempotency = idempotency;
        this.clock = clock;
    }

    public Connections.Connection<Organisation> list(RequestContext context, OrganisationKind kind,
                                                     Connections.Page page) {
        policy.requireList(context.principal(), kind);
        return repository.page(kind, page);
    }

    public Organisation create(RequestContext context, Input input) {
        policy.requireAdmin(context.principal());
        String name = input.text("name", 2, 120);
        OrganisationKind kind = input.requiredEnum("kind", OrganisationKind.class);
        if (kind == OrganisationKind.PLATFORM_OPERATOR) {
            throw ApiException.badInput(Input.path("kind"), "There is only one platform operator.");
        }
        CorporateParentSector sector = sectorFor(kind, input.optionalEnum("sector", CorporateParentSector.class));
        Region region = regionFor(kind, input.optionalEnum("region", Region.class));
        List<String> councils = councilsFor(kind, input.optionalIds("servesLocalAuthorityIds", Organisation.TYPE,
                MAX_COUNCILS_SERVED).orElse(List.of()));
        var claim = idempotency.claim("createOrganisation", context.principal().key(), input.clientMutationId(),
                input.fingerprint());
        if (!claim.fresh()) {
            Optional<Organisation> existing = repository.findById(claim.id());
            if (existing.isPresent()) {
                return existing.get();
            }
        }
        Instant now = clock.instant();
        Organisation org = new Organisation(claim.id(), name, kind, sector, region, councils, true, now, now);
        try {
            repository.insert(org);
        } catch (MongoWriteException e) {
            if (Mongo.isDuplicateKey(e)) {
                throw new ApiException(ErrorCode.CONFLICT, "An organisation with that name already exists.",
                        Input.path("name"), Map.of());
            }
            throw e;
        }
        audit.record(context, AuditAction.CREATE, Organisation.TYPE, org.id(), null, "organisation " + kind);
        return org;
    }

    public Organisation update(RequestContext context, Input input) {
        policy.requireAdmin(context.principal());
        String id = input.id("organisationId", Organisation.TYPE);
        Organisation current = repository.findById(id).orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND,
                "No organisation has that id.", Input.path("organisationId"), Map.of()));
        String name = input.has("name") ? input.text("name", 2, 120) : current.name();
        CorporateParentSector sector = input.has("sector")
                ? sectorFor(current.kind(), input.optionalEnum("sector", CorporateParentSector.class))
                : current.sector();
        Region region = input.has("region") ? regionFor(current.kind(), input.optionalEnum("region", Region.class))
                : current.region();
        List<String> councils = input.has("servesLocalAuthorityIds")
                ? councilsFor(current.kind(), input.optionalIds("servesLocalAuthorityIds", Organisation.TYPE,
                MAX_COUNCILS_SERVED).orElse(List.of()))
                : current.servesLocalAuthorityIds();
        boolean active = input.optionalBoolean("active").orElse(current.active());
        if (!active && current.kind() == OrganisationKind.PLATFORM_OPERATOR) {
            throw ApiException.badInput(Input.path("active"), "The platform operator cannot be deactivated.");
        }
        Organisation updated = new Organisation(id, name, current.kind(), sector, region, councils, active,
                current.createdAt(), clock.instant());
        try {
            updated = repository.replace(updated);
        } catch (MongoServerException e) {
            if (Mongo.isDuplicateKey(e)) {
                throw new ApiException(ErrorCode.CONFLICT, "An organisation with that name already exists.",
                        Input.path("name"), Map.of());
            }
            throw e;
        }
        audit.record(context, AuditAction.UPDATE, Organisation.TYPE, id, null, "organisation updated");
        return updated;
    }

    private static Region regionFor(OrganisationKind kind, Optional<Region> region) {
        if (kind != OrganisationKind.LOCAL_AUTHORITY && region.isPresent()) {
            throw ApiException.badInput(Input.path("region"), "Only councils have a region.");
        }
        return region.orElse(null);
    }

    private static CorporateParentSector sectorFor(OrganisationKind kind, Optional<CorporateParentSector> sector) {
        if (kind == OrganisationKind.CORPORATE_PARENT && sector.isEmpty()) {
            throw ApiException.badInput(Input.path("sector"), "A corporate parent needs a sector.");
        }
        if (kind != OrganisationKind.CORPORATE_PARENT && sector.isPresent()) {
            throw ApiException.badInput(Input.path("sector"), "Only corporate parents have a sector.");
        }
        return sector.orElse(null);
    }

    private List<String> councilsFor(OrganisationKind kind, List<String> ids) {
        if (ids.isEmpty()) {
            return ids;
        }
        if (kind != OrganisationKind.ADVOCACY_SERVICE) {
            throw ApiException.badInput(Input.path("servesLocalAuthorityIds"),
                    "Only advocacy services serve councils.");
        }
        Map<String, Organisation> found = repository.findByIds(ids);
        for (String id : ids) {
            Organisation org = found.get(id);
            if (org == null || org.kind() != OrganisationKind.LOCAL_AUTHORITY) {
                throw new ApiException(ErrorCode.NOT_FOUND, "Every id must be a council's.",
                        Input.path("servesLocalAuthorityIds"), Map.of());
            }
        }
        return ids;
    }
}
