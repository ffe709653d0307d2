package app.alongside.messaging;

import app.alongside.audit.AuditAction;
import app.alongside.audit.AuditLog;
import app.alongside.kernel.Principal;
import app.alongside.kernel.StaffRole;
import app.alongside.organisations.Organisation;
import app.alongside.platform.core.ApiException;
import app.alongside.platform.core.ErrorCode;
import app.alongside.platform.core.Input;
import app.alongside.platform.core.RequestContext;
import app.alongside.platform.core.ShortCache;
import app.alongside.platform.store.Idempotency;
import app.alongside.platform.store.Migration;
import com.mongodb.client.model.Filters;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Safeguarding in messaging: the phrase lists (a platform default admins keep, and each service's own list its
 * managers keep), the help a young person sees at once when a message matches, and the concerns advocates record,
 * each audited.
 */
public final class Safeguarding {
    private final ServiceSettingsRepository settings;
    private final ThreadRepository threads;
    private final MessagingPolicy policy;
    private final AuditLog audit;
    private final Idempotency idempotency;
    private final EventBus bus;
    private final Records.UrgentHelp help;
    private final Clock clock;
    private final ShortCache<String, Records.PhraseList> lists;

    /**
     * @param cache how long a service's phrase list is remembered for the sends that check it: a list saved on
     *              this instance applies at once, one saved on another instance within this time
     */
    public Safeguarding(ServiceSettingsRepository settings, ThreadRepository threads, MessagingPolicy policy,
                        AuditLog audit, Idempotency idempotency, EventBus bus, String helpText, Duration cache,
                        Clock clock) {
        this.lists = new ShortCache<>(cache, 10_000, clock);
        this.settings = settings;
        this.threads = threads;
        this.policy = policy;
        this.audit = audit;
        this.idempotency = idempotency;
        this.bus = bus;
        this.help = new Records.UrgentHelp(helpText);
        this.clock = clock;
    }

    /** Stores the default phrases at first start (never over an admin's edits). */
    public void seed() {
        settings.seedDefault(SafeguardingPhrases.DEFAULTS, clock.instant());
    }

    public Records.UrgentHelp help() {
        return help;
    }

    /** The phrase of the service's list (or the default) that {@code body} matches. */
    public Optional<String> matches(String serviceId, String body) {
        Records.PhraseList list = lists.get(serviceId == null ? ServiceSettingsRepository.DEFAULT_LIST : serviceId,
                key -> effective(serviceId));
        return SafeguardingPhrases.firstMatch(body, list.phrases());
    }

    private Records.PhraseList effective(String serviceId) {
        Map<String, List<String>> stored = settings.phrases(serviceId == null
                ? List.of(ServiceSettingsRepository.DEFAULT_LIST)
                : List.of(serviceId, ServiceSettingsRepository.DEFAULT_LIST));
        List<String> own = serviceId == null ? null : stored.get(serviceId);
        if (own != null) {
            return new Records.PhraseList(serviceId, false, own);
        }
        return new Records.PhraseList(serviceId, true, stored.getOrDefault(ServiceSettingsRepository.DEFAULT_LIST,
                SafeguardingPhrases.DEFAULTS));
    }

    /** A list for someone who may keep it: admins the default, managers their own service's. */
    public Records.PhraseList list(RequestContext context, Optional<String> serviceGlobalId) {
        return effective(requireKeeper(context.principal(), serviceGlobalId, List.of("serviceId")));
    }

    public Records.PhraseList setPhrases(RequestContext context, Input input) {
        Optional<String> serviceGlobalId = Optional.ofNullable((String) input.raw("serviceId"));
        String serviceId = requireKeeper(context.principal(), serviceGlobalId, Input.path("serviceId"));
        List<String> phrases = phrases(input);
        String by = ((Principal.Staff) context.principal()).staffId();
        settings.savePhrases(serviceId == null ? ServiceSettingsRepository.DEFAULT_LIST : serviceId, phrases, by,
                clock.instant());
        if (serviceId == null) {
            lists.forgetAll();
        } else {
            lists.forget(serviceId);
        }
        audit.record(context, AuditAction.UPDATE, "SafeguardingPhraseList",
                serviceId == null ? ServiceSettingsRepository.DEFAULT_LIST : serviceId, null,
                "safeguarding phrases set (" + phrases.size() + ")");
        return effective(serviceId);
    }

    /** The service id (null for the default list) the caller may keep; refuses anyone else. */
    private String requireKeeper(Principal principal, Optional<String> serviceGlobalId, List<String> field) {
        if (!(principal instanceof Principal.Staff s)
                || (s.role() != StaffRole.ADMIN && s.role() != StaffRole.ADVOCACY_MANAGER)) {
            throw ApiException.unauthenticatedOrForbidden(principal);
        }
        if (serviceGlobalId.isEmpty()) {
            if (s.role() != StaffRole.ADMIN) {
                throw ApiException.forbidden();
            }
            return null;
        }
        String serviceId = Input.decodeOrNotFound(serviceGlobalId.get(), Organisation.TYPE, field);
        if (s.role() == StaffRole.ADVOCACY_MANAGER && !s.organisationId().equals(serviceId)) {
            throw new ApiException(ErrorCode.NOT_FOUND, "No advocacy service of yours has that id.", field, Map.of());
        }
        if (!policy.isAdvocacyService(serviceId)) {
            throw new ApiException(ErrorCode.NOT_FOUND, "No advocacy service has that id.", field, Map.of());
        }
        return serviceId;
    }

    private static List<String> phrases(Input input) {
        Object raw = input.raw("phrases");
        List<?> given = raw instanceof List<?> list ? list : List.of();
        if (given.isEmpty() || given.size() > SafeguardingPhrases.MAX_PHRASES) {
            throw ApiException.badInput(Input.path("phrases"), "Give between 1 and "
                    + SafeguardingPhrases.MAX_PHRASES + " phrases.");
        }
        Set<String> phrases = new LinkedHashSet<>();
        for (int i = 0; i < given.size(); i++) {
            String phrase = SafeguardingPhrases.normalise(String.valueOf(given.get(i)));
            if (phrase.length() < 2 || phrase.length() > SafeguardingPhrases.MAX_PHRASE_LENGTH) {
                throw ApiException.badInput(List.of("input", "phrases", String.valueOf(i)),
                        "Each phrase must have between 2 and " + SafeguardingPhrases.MAX_PHRASE_LENGTH
                                + " letters or digits.");
            }
            phrases.add(phrase);
        }
        return new ArrayList<>(phrases);
    }

    public Records.Concern raise(RequestContext context, Input input) {
        Principal.Staff caller = policy.requireAdvocacyStaff(context.principal());
        String threadId = Input.decodeOrNotFound((String) input.raw("threadId"), MessageThread.TYPE,
                Input.path("threadId"));
        MessageThread thread = threads.findById(threadId).filter(t -> policy.canSee(caller, t))
                .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "No thread has that id.",
                        Input.path("threadId"), Map.of()));
        boolean toldFirst = input.optionalBoolean("youngPersonToldFirst")
                .orElseThrow(() -> ApiException.badInput(Input.path("youngPersonToldFirst"), "Required."));
        Optional<Records.NotToldReason> reason = input.optionalEnum("notToldReason", Records.NotToldReason.class);
        if (!toldFirst && reason.isEmpty()) {
            throw ApiException.badInput(Input.path("notToldReason"), "Say why they were not told first.");
        }
        if (toldFirst && reason.isPresent()) {
            throw ApiException.badInput(Input.path("notToldReason"), "They were told first: leave this out.");
        }
        String referredTo = input.text("referredTo", 1, 200);
        Instant referredAt = (Instant) input.raw("referredAt");
        Instant now = clock.instant();
        if (referredAt == null || referredAt.isAfter(now.plusSeconds(60))) {
            throw ApiException.badInput(Input.path("referredAt"), "Must not be in the future.");
        }
        String summary = input.text("summary", 1, 4000);
        var claim = idempotency.claim("raiseSafeguardingConcern", caller.key(), input.clientMutationId(),
                input.fingerprint());
        if (!claim.fresh()) {
            return settings.concern(claim.id()).filter(c -> c.threadId().equals(threadId))
                    .orElseThrow(() -> ApiException.conflict("The first attempt did not finish. Use a new "
                            + "clientMutationId."));
        }
        Records.Concern concern = new Records.Concern(claim.id(), threadId, thread.serviceId(),
                thread.youngPersonId(), toldFirst, reason.orElse(null), referredTo, referredAt, summary,
                caller.staffId(), now);
        settings.insertConcern(concern);
        threads.markUrgent(threadId, now);
        String detail = "safeguarding concern raised; " + (toldFirst ? "young person told first"
                : "not told first: " + reason.get());
        if (withheld(concern)) {
            audit.recordWithheld(context, AuditAction.CREATE, Records.Concern.TYPE, concern.id(),
                    thread.youngPersonId(), detail);
        } else {
            audit.record(context, AuditAction.CREATE, Records.Concern.TYPE, concern.id(), thread.youngPersonId(),
                    detail);
        }
        bus.publish(new MessagingEvent(MessagingEvent.Kind.URGENT, threadId, thread.serviceId(),
                thread.youngPersonId(), null));
        return concern;
    }

    public List<Records.Concern> concerns(RequestContext context, String threadGlobalId) {
        Principal.Staff caller = policy.requireAdvocacyStaff(context.principal());
        String threadId = Input.decodeOrNotFound(threadGlobalId, MessageThread.TYPE, List.of("threadId"));
        MessageThread thread = threads.findById(threadId).filter(t -> policy.canSee(caller, t))
                .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "No thread has that id.",
                        List.of("threadId"), Map.of()));
        List<Records.Concern> concerns = settings.concernsOf(threadId);
        if (concerns.stream().anyMatch(Safeguarding::withheld)) {
            audit.recordWithheld(context, AuditAction.READ, Records.Concern.TYPE, thread.id(),
                    thread.youngPersonId(), "safeguarding concerns read");
        } else {
            audit.record(context, AuditAction.READ, Records.Concern.TYPE, thread.id(), thread.youngPersonId(),
                    "safeguarding concerns read");
        }
        return concerns;
    }

    /**
     * Marks the audit entries of withheld concerns recorded before they were withheld (raised, and reads of their
     * thread's concerns), so that they leave the young person's access log and export too.
     */
    static final Migration WITHHOLD_EARLIER_ENTRIES = new Migration("safeguarding-withhold-earlier-audit",
            "withhold from the young person the audit entries of concerns raised without telling them for risk",
            db -> {
                List<String> concerns = new ArrayList<>();
                List<String> threads = new ArrayList<>();
                db.getCollection(ServiceSettingsRepository.CONCERNS).find(Filters.eq("notToldReason",
                        Records.NotToldReason.WOULD_INCREASE_RISK.name())).forEach(d -> {
                            concerns.add(d.getString("_id"));
                            threads.add(d.getString("threadId"));
                        });
                AuditLog.withhold(db, Records.Concern.TYPE, concerns);
                AuditLog.withhold(db, Records.Concern.TYPE, threads);
            });

    /**
     * A concern raised without telling the young person first because telling them would have increased the risk
     * is withheld from them: from their access log and their data export (the social work data exemption, DPA 2018
     * Schedule 3 Part 3, where telling them would be likely to cause serious harm). Every other concern is theirs
     * to see in their export.
     */
    static boolean withheld(Records.Concern concern) {
        return concern.notToldReason() == Records.NotToldReason.WOULD_INCREASE_RISK;
    }
}
