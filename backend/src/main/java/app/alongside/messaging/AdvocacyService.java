package app.alongside.messaging;

import app.alongside.audit.AuditAction;
import app.alongside.audit.AuditLog;
import app.alongside.identity.StaffMember;
import app.alongside.identity.YoungPerson;
import app.alongside.identity.YoungPersonRepository;
import app.alongside.kernel.OrganisationKind;
import app.alongside.kernel.Principal;
import app.alongside.kernel.StaffRole;
import app.alongside.organisations.Organisation;
import app.alongside.organisations.OrganisationRepository;
import app.alongside.platform.core.ApiException;
import app.alongside.platform.core.Connections;
import app.alongside.platform.core.ErrorCode;
import app.alongside.platform.core.Input;
import app.alongside.platform.core.RequestContext;
import app.alongside.platform.graphql.PersistedQueries;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Opt-out advocacy: every young person is allocated to a service serving their council the first time anyone
 * looks (their first {@code myAdvocacy}, or a manager allocating them), and again after a move of council. The
 * service's manager then allocates a named advocate within 2 working days. Young people's choices (opt out, opt
 * back in, someone else) are kept with their times. Also the service's own words and its figures.
 */
public final class AdvocacyService {
    static final String DEFAULT_ABOUT = "An independent advocate is on your side and works only for you. They listen "
            + "to what you want, explain your rights, help you say what you think at meetings and reviews, and help "
            + "you challenge decisions or make a complaint. They do not work for the council, they do not make "
            + "decisions about you, and they do not give legal advice or their own opinion.";
    static final String DEFAULT_CONFIDENTIALITY = "What you tell your advocate stays between you and the advocacy "
            + "service, and is shared only if you agree. There are limits: if you tell us that you or someone else "
            + "is at risk of serious harm, or about a serious crime, we must pass it on to keep people safe. If that "
            + "happens we will tell you first, unless it is an emergency.";

    private final AdvocacyRepository advocacy;
    private final ThreadRepository threads;
    private final MessageRepository messages;
    private final ServiceSettingsRepository settings;
    private final YoungPersonRepository people;
    private final OrganisationRepository organisations;
    private final MessagingPolicy policy;
    private final AuditLog audit;
    private final EventBus bus;
    private final WorkingHours hours;
    private final Clock clock;

    private final java.util.function.Consumer<String> serviceChanged;

    /** @param serviceChanged told the service's id when its texts or on-duty advocate change */
    public AdvocacyService(AdvocacyRepository advocacy, ThreadRepository threads, MessageRepository messages,
                           ServiceSettingsRepository settings, YoungPersonRepository people,
                           OrganisationRepository organisations, MessagingPolicy policy, AuditLog audit, EventBus bus,
                           WorkingHours hours, Clock clock, java.util.function.Consumer<String> serviceChanged) {
        this.serviceChanged = serviceChanged;
        this.advocacy = advocacy;
        this.threads = threads;
        this.messages = messages;
        this.settings = settings;
        this.people = people;
        this.organisations = organisations;
        this.policy = policy;
        this.audit = audit;
        this.bus = bus;
        this.hours = hours;
        this.clock = clock;
    }

    /** The signed-in young person's advocacy, allocated now if this is the first look. */
    public Advocacy mine(RequestContext context) {
        if (!(context.principal() instanceof Principal.YoungPersonUser yp)) {
            throw ApiException.unauthenticatedOrForbidden(context.principal());
        }
        return ensure(people.findById(yp.youngPersonId()).orElseThrow(ApiException::notFound));
    }

    /**
     * The young person's advocacy, allocating them if they have none or moved council since. Safe to run twice at
     * once: the first insert wins and both answer with it.
     */
    public Advocacy ensure(YoungPerson person) {
        Optional<Advocacy> current = advocacy.findById(person.id());
        if (current.isPresent() && person.localAuthorityId().equals(current.get().councilId())) {
            return current.get();
        }
        Instant now = clock.instant();
        Optional<Organisation> service = organisations.advocacyServicesServing(person.localAuthorityId()).stream()
                .findFirst();
        if (current.isEmpty()) {
            Advocacy fresh = allocation(person, service, null, now);
            advocacy.insertIfAbsent(fresh, policy.managerKeys(fresh.serviceId()));
            return advocacy.findById(person.id()).orElseThrow();
        }
        Advocacy old = current.get();
        Advocacy moved = service.isPresent() && service.get().id().equals(old.serviceId())
                ? copy(old, old.status(), old.advocateId(), old.allocationDueAt(), old.allocatedAt(), old.choices(),
                old.previousAdvocateIds(), person.localAuthorityId(), now)
                : allocation(person, service, old, now);
        advocacy.replace(old, moved, policy.managerKeys(moved.serviceId()));
        return advocacy.findById(person.id()).orElseThrow();
    }

    private Advocacy allocation(YoungPerson person, Optional<Organisation> service, Advocacy old, Instant now) {
        List<Advocacy.Choice> choices = old == null ? List.of() : old.choices();
        Instant created = old == null ? now : old.createdAt();
        if (service.isEmpty()) {
            return new Advocacy(person.id(), Advocacy.Status.NO_SERVICE, null, null, null, person.localAuthorityId(),
                    null, null, choices, List.of(), created, now);
        }
        String serviceId = service.get().id();
        String threadId = mainThreadId(person.id(), serviceId);
        boolean optedOut = old != null && old.status() == Advocacy.Status.OPTED_OUT;
        if (!threads.insertIfAbsent(new MessageThread(threadId, MessageThread.ThreadKind.ADVOCACY, null, person.id(),
                serviceId, null, false, 0, null, null, null, null, Map.of(), now, now, optedOut))) {
            // Back to a service they had before: the thread is there, and carries their choice as it is now.
            threads.setOptedOut(threadId, optedOut, now);
        }
        return new Advocacy(person.id(), optedOut ? Advocacy.Status.OPTED_OUT : Advocacy.Status.ALLOCATION_PENDING,
                serviceId, null, threadId, person.localAuthorityId(), optedOut ? null : allocationDue(now), null,
                choices, List.of(), created, now);
    }

    /** The main thread's id: one per young person and service, so a concurrent first look cannot make two. */
    static String mainThreadId(String youngPersonId, String serviceId) {
        return PersistedQueries.sha256("thread:" + youngPersonId + ":" + serviceId).substring(0, 32);
    }

    private Instant allocationDue(Instant now) {
        return hours.plus(now, hours.day().multipliedBy(2));
    }

    public Advocacy setChoice(RequestContext context, Input input) {
        Advocacy.ChoiceKind choice = input.requiredEnum("choice", Advocacy.ChoiceKind.class);
        String reason = input.optionalText("reason", 500).orElse(null);
        Advocacy current = mine(context);
        if (current.status() == Advocacy.Status.NO_SERVICE) {
            throw new ApiException(ErrorCode.CONFLICT, "No advocacy service serves your council yet.",
                    Input.path("choice"), Map.of());
        }
        Instant now = clock.instant();
        List<Advocacy.Choice> choices = new ArrayList<>(current.choices());
        choices.add(new Advocacy.Choice(choice, reason, now));
        List<String> previous = new ArrayList<>(current.previousAdvocateIds());
        Advocacy updated = switch (choice) {
            case OPT_OUT -> copy(current, Advocacy.Status.OPTED_OUT, null, null, null, choices, previous,
                    current.councilId(), now);
            case OPT_IN -> {
                if (current.status() != Advocacy.Status.OPTED_OUT) {
                    throw conflict("You have not opted out.");
                }
                yield copy(current, Advocacy.Status.ALLOCATION_PENDING, null, allocationDue(now), null, choices,
                        previous, current.councilId(), now);
            }
            case CHANGE_ADVOCATE -> {
                if (current.status() != Advocacy.Status.ALLOCATED) {
                    throw conflict("You do not have a named advocate to change yet.");
                }
                previous.add(current.advocateId());
                yield copy(current, Advocacy.Status.ALLOCATION_PENDING, null, allocationDue(now), null, choices,
                        previous, current.councilId(), now);
            }
        };
        // The thread carries the choice for sends, and is written first: cut off between the two writes, the thread
        // holds what the young person last asked for, and their retry completes it.
        boolean wasOut = current.status() == Advocacy.Status.OPTED_OUT;
        boolean out = updated.status() == Advocacy.Status.OPTED_OUT;
        if (out != wasOut) {
            threads.setOptedOut(current.threadId(), out, now);
        }
        if (!advocacy.replace(current, updated, policy.managerKeys(updated.serviceId()))) {
            if (out != wasOut) {
                threads.setOptedOut(current.threadId(), wasOut, now);
            }
            throw ApiException.conflict("Your advocacy changed meanwhile. Try again.");
        }
        if (current.advocateId() != null && updated.advocateId() == null) {
            threads.assign(current.threadId(), null, now);
            bus.publish(new MessagingEvent(MessagingEvent.Kind.ASSIGNED, current.threadId(), current.serviceId(),
                    current.youngPersonId(), null));
        }
        audit.record(context, AuditAction.UPDATE, Advocacy.TYPE, current.youngPersonId(), current.youngPersonId(),
                "advocacy choice: " + choice);
        return updated;
    }

    private static ApiException conflict(String message) {
        return new ApiException(ErrorCode.CONFLICT, message, Input.path("choice"), Map.of());
    }

    public Advocacy allocate(RequestContext context, Input input) {
        Principal.Staff manager = policy.requireManager(context.principal());
        String youngPersonId = input.id("youngPersonId", YoungPerson.TYPE);
        String advocateId = input.id("advocateId", StaffMember.TYPE, Records.Advocate.TYPE);
        YoungPerson person = people.findById(youngPersonId)
                .filter(p -> policy.servedCouncils(manager.organisationId()).contains(p.localAuthorityId()))
                .orElseThrow(() -> notFound("youngPersonId", "No young person has that id."));
        Advocacy current = ensure(person);
        if (!manager.organisationId().equals(current.serviceId())) {
            throw notFound("youngPersonId", "No young person has that id.");
        }
        StaffMember advocate = policy.advocateOf(manager.organisationId(), advocateId)
                .orElseThrow(() -> notFound("advocateId", "No active advocate of your service has that id."));
        if (current.status() == Advocacy.Status.OPTED_OUT) {
            throw new ApiException(ErrorCode.CONFLICT, "They opted out of advocacy.", Input.path("youngPersonId"),
                    Map.of());
        }
        if (current.previousAdvocateIds().contains(advocate.id())) {
            throw new ApiException(ErrorCode.CONFLICT, "They asked for a different advocate than this one.",
                    Input.path("advocateId"), Map.of());
        }
        Instant now = clock.instant();
        Advocacy updated = copy(current, Advocacy.Status.ALLOCATED, advocate.id(), null, now, current.choices(),
                current.previousAdvocateIds(), current.councilId(), now);
        if (!advocacy.replace(current, updated, List.of())) {
            throw ApiException.conflict("The allocation changed meanwhile. Try again.");
        }
        threads.assign(current.threadId(), advocate.id(), now);
        audit.record(context, AuditAction.UPDATE, Advocacy.TYPE, person.id(), person.id(), "advocate allocated");
        bus.publish(new MessagingEvent(MessagingEvent.Kind.ASSIGNED, current.threadId(), current.serviceId(),
                person.id(), null));
        return updated;
    }

    private static ApiException notFound(String field, String message) {
        return new ApiException(ErrorCode.NOT_FOUND, message, Input.path(field), Map.of());
    }

    /** Allocations waiting in the manager's service, earliest due first; each young person's read is audited. */
    public Connections.Connection<Advocacy> pending(RequestContext context, boolean overdueOnly,
                                                    Connections.Page page) {
        Principal.Staff manager = policy.requireManager(context.principal());
        Optional<Instant> dueBefore = overdueOnly ? Optional.of(clock.instant()) : Optional.empty();
        List<Advocacy> found = advocacy.pending(manager.organisationId(), dueBefore, page.after(), page.first() + 1);
        var result = Connections.page(found, page, page.after().isPresent(), AdvocacyRepository::key);
        audit.recordReads(context, Advocacy.TYPE, result.nodes().stream().map(Advocacy::youngPersonId).toList(),
                "allocations listed");
        return result;
    }

    /** The response standard of the manager's service. */
    public Records.Figures figures(RequestContext context, Instant since) {
        Principal.Staff manager = policy.requireManager(context.principal());
        Instant now = clock.instant();
        Instant from = since != null ? since : now.minus(Duration.ofDays(30));
        List<Long> seconds = new ArrayList<>(messages.responseTimes(manager.organisationId(), from));
        seconds.sort(Long::compare);
        int unanswered = (int) threads.countUnanswered(manager.organisationId());
        int overdue = (int) threads.countOverdue(manager.organisationId(), now);
        return new Records.Figures(seconds.size(), minutesAt(seconds, 0.5), minutesAt(seconds, 0.9), unanswered,
                overdue, (int) advocacy.countPending(manager.organisationId(), Optional.empty()),
                (int) advocacy.countPending(manager.organisationId(), Optional.of(now)));
    }

    /** The nearest-rank percentile, in whole minutes rounded up; null for no data. */
    static Integer minutesAt(List<Long> sortedSeconds, double percentile) {
        if (sortedSeconds.isEmpty()) {
            return null;
        }
        int rank = (int) Math.ceil(percentile * sortedSeconds.size());
        long seconds = sortedSeconds.get(Math.max(rank, 1) - 1);
        return (int) ((seconds + 59) / 60);
    }

    /** A service with its own words, or the defaults where it has none. */
    public Optional<Records.ServiceInfo> service(String serviceId) {
        if (serviceId == null) {
            return Optional.empty();
        }
        return organisations.findById(serviceId).filter(o -> o.kind() == OrganisationKind.ADVOCACY_SERVICE)
                .map(o -> {
                    ServiceSettingsRepository.Texts texts = settings.texts(serviceId);
                    return new Records.ServiceInfo(o.id(), o.name(),
                            texts.about() != null ? texts.about() : DEFAULT_ABOUT,
                            texts.confidentiality() != null ? texts.confidentiality() : DEFAULT_CONFIDENTIALITY,
                            texts.onDutyAdvocateId());
                });
    }

    public Records.ServiceInfo updateService(RequestContext context, Input input) {
        Principal principal = context.principal();
        String serviceId = input.id("serviceId", Records.ServiceInfo.TYPE, Organisation.TYPE);
        boolean admin = principal instanceof Principal.Staff s && s.role() == StaffRole.ADMIN;
        boolean manager = principal instanceof Principal.Staff s && s.role() == StaffRole.ADVOCACY_MANAGER
                && s.organisationId().equals(serviceId);
        if (!admin && !(principal instanceof Principal.Staff s && s.role() == StaffRole.ADVOCACY_MANAGER)) {
            throw ApiException.unauthenticatedOrForbidden(principal);
        }
        if (!manager && !admin) {
            throw notFound("serviceId", "No advocacy service of yours has that id.");
        }
        service(serviceId).orElseThrow(() -> notFound("serviceId", "No advocacy service has that id."));
        ServiceSettingsRepository.Texts current = settings.texts(serviceId);
        String about = input.has("about") ? input.optionalText("about", 4000).orElse(null) : current.about();
        String confidentiality = input.has("confidentiality") ? input.optionalText("confidentiality", 4000)
                .orElse(null) : current.confidentiality();
        String onDuty = current.onDutyAdvocateId();
        if (input.has("onDutyAdvocateId")) {
            onDuty = input.optionalId("onDutyAdvocateId", StaffMember.TYPE, Records.Advocate.TYPE)
                    .map(id -> policy.advocateOf(serviceId, id)
                    .orElseThrow(() -> notFound("onDutyAdvocateId", "No active advocate of the service has that id."))
                    .id()).orElse(null);
        }
        String by = ((Principal.Staff) principal).staffId();
        settings.saveTexts(serviceId, new ServiceSettingsRepository.Texts(about, confidentiality, onDuty), by,
                clock.instant());
        serviceChanged.accept(serviceId);
        audit.record(context, AuditAction.UPDATE, Organisation.TYPE, serviceId, null, "advocacy service texts");
        return service(serviceId).orElseThrow();
    }

    public Map<String, Advocacy> findByIds(List<String> ids) {
        return advocacy.findByIds(ids);
    }

    private static Advocacy copy(Advocacy a, Advocacy.Status status, String advocateId, Instant dueAt,
                                 Instant allocatedAt, List<Advocacy.Choice> choices, List<String> previous,
                                 String councilId, Instant now) {
        return new Advocacy(a.youngPersonId(), status, a.serviceId(), advocateId, a.threadId(), councilId, dueAt,
                allocatedAt, choices, previous, a.createdAt(), now);
    }
}
