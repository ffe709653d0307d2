package app.alongside.opportunities;

import app.alongside.audit.AuditAction;
import app.alongside.audit.AuditLog;
import app.alongside.kernel.Principal;
import app.alongside.kernel.StaffRole;
import app.alongside.organisations.OrganisationRepository;
import app.alongside.platform.core.ApiException;
import app.alongside.platform.core.Connections;
import app.alongside.platform.core.ErrorCode;
import app.alongside.platform.core.Input;
import app.alongside.platform.core.RequestContext;
import app.alongside.platform.store.Idempotency;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Opportunities as their posters and moderators handle them: created, changed, submitted, closed and withdrawn by
 * corporate-parent staff, approved or rejected by admins (or a council for its own area), listed for each, and
 * closed when their closing date has passed.
 */
public final class Postings {
    private final OpportunityRepository opportunities;
    private final OrganisationRepository organisations;
    private final OpportunityPolicy policy;
    private final AuditLog audit;
    private final Idempotency idempotency;
    private final Clock clock;

    public Postings(OpportunityRepository opportunities, OrganisationRepository organisations,
                    OpportunityPolicy policy, AuditLog audit, Idempotency idempotency, Clock clock) {
        this.opportunities = opportunities;
        this.organisations = organisations;
        this.policy = policy;
        this.audit = audit;
        this.idempotency = idempotency;
        this.clock = clock;
    }

    Opportunity create(RequestContext context, Input input) {
        Principal.Staff staff = policy.requirePoster(context);
        Opportunity draft = parse(input).apply(null, "pending", staff.organisationId(), clock.instant());
        Idempotency.Claim claim = idempotency.claim("createOpportunity", context.principal().key(),
                input.clientMutationId(), input.fingerprint());
        Optional<Opportunity> first = claim.fresh() ? Optional.empty() : opportunities.find(claim.id());
        if (first.isPresent()) {
            return first.get();
        }
        Opportunity created = withStatus(draft, claim.id(), Opportunity.Status.DRAFT, null, draft.approvedAt());
        opportunities.insert(created);
        audit.record(context, AuditAction.CREATE, Opportunity.TYPE, created.id(), null, created.kind().name());
        return created;
    }

    Opportunity update(RequestContext context, Input input) {
        Opportunity current = ownForPoster(context, input, "id");
        int version = input.optionalInt("version", 1, Integer.MAX_VALUE).orElseThrow();
        if (version != current.version()) {
            throw new ApiException(ErrorCode.CONFLICT, "It changed since you last saw it (now version "
                    + current.version() + "); reload and try again.", input.at("version"), Map.of());
        }
        if (current.status() == Opportunity.Status.CLOSED || current.status() == Opportunity.Status.WITHDRAWN) {
            throw conflict(input, "A closed or withdrawn opportunity cannot change.");
        }
        Opportunity changed = parse(input).apply(current, current.id(), current.organisationId(), clock.instant());
        Opportunity.Status status = current.status() == Opportunity.Status.APPROVED ? Opportunity.Status.SUBMITTED
                : current.status();
        Opportunity updated = withStatus(changed, changed.id(), status, current.rejectionReason(),
                status == Opportunity.Status.APPROVED ? current.approvedAt() : null);
        written(opportunities.replace(updated, current.version()), input);
        audit.record(context, AuditAction.UPDATE, Opportunity.TYPE, current.id(), null,
                status != current.status() ? "changed; back to review" : "changed");
        return updated;
    }

    Opportunity submit(RequestContext context, Input input) {
        Opportunity current = ownForPoster(context, input, "id");
        return transition(context, input, current, List.of(Opportunity.Status.DRAFT, Opportunity.Status.REJECTED),
                Opportunity.Status.SUBMITTED, null, "submitted for review");
    }

    Opportunity close(RequestContext context, Input input) {
        Opportunity current = ownForPoster(context, input, "id");
        return transition(context, input, current, List.of(Opportunity.Status.DRAFT, Opportunity.Status.SUBMITTED,
                Opportunity.Status.APPROVED, Opportunity.Status.REJECTED), Opportunity.Status.CLOSED, null, "closed");
    }

    Opportunity withdraw(RequestContext context, Input input) {
        Opportunity current = ownForPoster(context, input, "id");
        return transition(context, input, current, List.of(Opportunity.Status.DRAFT, Opportunity.Status.SUBMITTED,
                Opportunity.Status.APPROVED, Opportunity.Status.REJECTED, Opportunity.Status.CLOSED),
                Opportunity.Status.WITHDRAWN, null, "withdrawn");
    }

    Opportunity approve(RequestContext context, Input input) {
        Opportunity current = forModerator(context, input);
        if (current.closingDate().isBefore(policy.today())) {
            throw conflict(input, "Its closing date has passed; the poster must change it first.");
        }
        return transition(context, input, current, List.of(Opportunity.Status.SUBMITTED), Opportunity.Status.APPROVED,
                null, "approved");
    }

    Opportunity reject(RequestContext context, Input input) {
        Opportunity current = forModerator(context, input);
        String reason = input.text("reason", 1, 1000);
        return transition(context, input, current, List.of(Opportunity.Status.SUBMITTED), Opportunity.Status.REJECTED,
                reason, "rejected");
    }

    private Opportunity transition(RequestContext context, Input input, Opportunity current,
                                   List<Opportunity.Status> from, Opportunity.Status to, String reason, String detail) {
        if (current.status() == to) {
            return current;
        }
        if (!from.contains(current.status())) {
            throw conflict(input, "It is " + current.status().name().toLowerCase(Locale.ROOT).replace('_', ' ')
                    + ": it cannot be " + detail + ".");
        }
        Instant now = clock.instant();
        boolean approving = to == Opportunity.Status.APPROVED;
        Opportunity next = withStatus(new Opportunity(current.id(), current.organisationId(), current.title(),
                        current.description(), current.format(), current.missions(), current.kind(),
                        current.eligibility(), current.town(), current.postcodeDistrict(), current.closingDate(),
                        current.places(), current.howToApply(), current.contact(), current.status(), reason,
                        current.version() + 1, current.createdAt(), now, current.approvedAt()),
                current.id(), to, reason, approving ? now : current.approvedAt());
        // Every approval names the same need: an edited post approved again is not news, and its notifications,
        // already there under the same ids, are not added or sent a second time.
        written(approving ? opportunities.replaceApproved(next, current.version(), now)
                : opportunities.replace(next, current.version()), input);
        audit.record(context, AuditAction.UPDATE, Opportunity.TYPE, current.id(), null, detail);
        return next;
    }

    private static void written(boolean replaced, Input input) {
        if (!replaced) {
            throw conflict(input, "It changed at the same moment; reload and try again.");
        }
    }

    private static Opportunity withStatus(Opportunity o, String id, Opportunity.Status status, String reason,
                                          Instant approvedAt) {
        return new Opportunity(id, o.organisationId(), o.title(), o.description(), o.format(), o.missions(), o.kind(),
                o.eligibility(), o.town(), o.postcodeDistrict(), o.closingDate(), o.places(), o.howToApply(),
                o.contact(), status, status == Opportunity.Status.REJECTED ? reason : null, o.version(),
                o.createdAt(), o.updatedAt(), approvedAt);
    }

    /** Closes approved opportunities whose closing date has passed; returns how many. */
    public int closeExpired() {
        int closed = 0;
        for (Opportunity o : opportunities.pastClosing(policy.today(), 500)) {
            Opportunity next = withStatus(o, o.id(), Opportunity.Status.CLOSED, null, o.approvedAt());
            next = new Opportunity(next.id(), next.organisationId(), next.title(), next.description(), next.format(),
                    next.missions(), next.kind(), next.eligibility(), next.town(), next.postcodeDistrict(),
                    next.closingDate(), next.places(), next.howToApply(), next.contact(), next.status(), null,
                    o.version() + 1, o.createdAt(), clock.instant(), o.approvedAt());
            if (opportunities.replace(next, o.version())) {
                closed++;
            }
        }
        return closed;
    }

    private OpportunityInput parse(Input input) {
        return new OpportunityInput(input, policy.today(), organisations::findByIds);
    }

    private Opportunity ownForPoster(RequestContext context, Input input, String field) {
        Principal.Staff staff = policy.requirePoster(context);
        return policy.ownedBy(staff, input.id(field, Opportunity.TYPE), input.at(field));
    }

    private Opportunity forModerator(RequestContext context, Input input) {
        Principal.Staff staff = policy.requireModerator(context);
        return policy.toModerate(staff, input.id("id", Opportunity.TYPE), input.at("id"));
    }

    private static ApiException conflict(Input input, String message) {
        return new ApiException(ErrorCode.CONFLICT, message, input.at("id"), Map.of());
    }

    /** Staff of a corporate parent: their organisation's; admins: anyone's. Newest first. */
    Connections.Connection<Opportunity> posted(RequestContext context, Optional<Opportunity.Status> status,
                                               Optional<String> organisationId, Connections.Page page) {
        Principal.Staff staff = policy.requirePosterOrAdmin(context);
        Optional<String> of = staff.role() == StaffRole.CORPORATE_PARENT_STAFF ? Optional.of(staff.organisationId())
                : organisationId;
        List<Opportunity> found = opportunities.posted(of, status, page.after(), page.first() + 1);
        return Connections.page(found, page, page.after().isPresent(),
                o -> Connections.newestKey(o.createdAt(), o.id()));
    }

    /** Submitted opportunities this moderator may decide, oldest first. */
    Connections.Connection<Opportunity> moderationQueue(RequestContext context, Connections.Page page) {
        Principal.Staff staff = policy.requireModerator(context);
        Optional<String> onlyCouncil = staff.role() == StaffRole.LA_WORKER ? Optional.of(staff.organisationId())
                : Optional.empty();
        List<Opportunity> found = opportunities.submitted(onlyCouncil, page.after(), page.first() + 1);
        return Connections.page(found, page, page.after().isPresent(),
                o -> Connections.newestKey(o.createdAt(), o.id()));
    }
}
