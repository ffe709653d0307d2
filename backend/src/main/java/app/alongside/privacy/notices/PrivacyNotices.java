package app.alongside.privacy.notices;

import app.alongside.audit.AuditAction;
import app.alongside.audit.AuditLog;
import app.alongside.kernel.Principal;
import app.alongside.kernel.StaffRole;
import app.alongside.platform.core.ApiException;
import app.alongside.platform.core.ErrorCode;
import app.alongside.platform.core.Input;
import app.alongside.platform.core.RequestContext;
import app.alongside.platform.store.Idempotency;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rules of the privacy notice: anyone may read it (an app shows it before sign-up), only a young person
 * acknowledges it, for themselves and only its current version, and only an admin publishes a new version.
 */
public final class PrivacyNotices {
    static final String ACKNOWLEDGEMENT = "PrivacyNoticeAcknowledgement";
    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final int MAX_POINTS = 8;

    /** The schema's {@code PrivacyNotice}: a version of a part as the caller sees it, with their acknowledgement. */
    public record NoticeView(NoticeFeature feature, int version, String title, String summary, List<String> points,
                             LocalDate publishedOn, Integer acknowledgedVersion, Instant acknowledgedAt,
                             boolean needsAcknowledgement) {
    }

    /** The schema's {@code PrivacyNoticeStatus}: the current version of a part and how many acknowledged it. */
    public record NoticeStatus(NoticeView notice, int acknowledgedCount, int earlierVersions) {
    }

    private final NoticeRepository notices;
    private final AcknowledgementRepository acknowledgements;
    private final AuditLog audit;
    private final Idempotency idempotency;
    private final Clock clock;

    PrivacyNotices(NoticeRepository notices, AcknowledgementRepository acknowledgements, AuditLog audit,
                   Idempotency idempotency, Clock clock) {
        this.notices = notices;
        this.acknowledgements = acknowledgements;
        this.audit = audit;
        this.idempotency = idempotency;
        this.clock = clock;
    }

    public NoticeView current(Principal principal, NoticeFeature feature) {
        PrivacyNotice notice = notices.current(feature).orElseThrow(ApiException::notFound);
        return view(notice, notice.version(), latest(principal).get(feature));
    }

    public List<NoticeView> currentAll(Principal principal) {
        Map<NoticeFeature, Acknowledgement> latest = latest(principal);
        return notices.currentAll().values().stream()
                .map(notice -> view(notice, notice.version(), latest.get(notice.feature()))).toList();
    }

    /** Every version of a part, newest first, each with the caller's acknowledgement of the part. */
    public List<NoticeView> history(Principal principal, NoticeFeature feature) {
        List<PrivacyNotice> versions = notices.history(feature);
        Acknowledgement ack = latest(principal).get(feature);
        int current = versions.isEmpty() ? 0 : versions.getFirst().version();
        return versions.stream().map(notice -> view(notice, current, ack)).toList();
    }

    /** Admins: the current version of each part with how many young people acknowledged it. */
    public List<NoticeStatus> status(Principal principal) {
        requireAdmin(principal);
        List<NoticeStatus> status = new ArrayList<>();
        for (PrivacyNotice notice : notices.currentAll().values()) {
            status.add(new NoticeStatus(view(notice, notice.version(), null),
                    Math.toIntExact(acknowledgements.count(notice.feature(), notice.version())),
                    notice.version() - 1));
        }
        return status;
    }

    /** The signed-in young person read the current version of a part; the same version again changes nothing. */
    public NoticeView acknowledge(RequestContext context, Input input) {
        if (!(context.principal() instanceof Principal.YoungPersonUser yp)) {
            throw ApiException.unauthenticatedOrForbidden(context.principal());
        }
        NoticeFeature feature = input.requiredEnum("feature", NoticeFeature.class);
        int version = input.raw("version") instanceof Integer given ? given : 0;
        PrivacyNotice notice = notices.current(feature).orElseThrow(ApiException::notFound);
        if (version >= 1 && version < notice.version()) {
            throw ApiException.badInput(Input.path("version"), "Version " + version + " of this part is out of "
                    + "date. Show version " + notice.version() + ", the current one, and acknowledge that.");
        }
        if (version != notice.version()) {
            throw ApiException.badInput(Input.path("version"), "There is no version " + version
                    + " of this part. The current one is version " + notice.version() + ".");
        }
        var added = acknowledgements.add(new Acknowledgement(yp.youngPersonId(), feature, version, clock.instant()));
        if (added.fresh()) {
            audit.record(context, AuditAction.CREATE, ACKNOWLEDGEMENT, notice.id(), yp.youngPersonId(),
                    "privacy notice " + feature + " version " + version + " acknowledged");
        }
        return view(notice, notice.version(), added.kept());
    }

    /** An admin publishes the next version of a part; earlier versions stay as they were. */
    public NoticeView publish(RequestContext context, Input input) {
        requireAdmin(context.principal());
        NoticeFeature feature = input.requiredEnum("feature", NoticeFeature.class);
        String title = input.text("title", 3, 80);
        String summary = input.text("summary", 10, 200);
        List<String> points = points(input);
        var claim = idempotency.claim("publishPrivacyNotice", context.principal().key(), input.clientMutationId(),
                input.fingerprint());
        Optional<PrivacyNotice> retried = claim.fresh() ? Optional.empty() : notices.byRequest(claim.id());
        if (retried.isPresent()) {
            return view(retried.get(), retried.get().version(), null);
        }
        int next = notices.current(feature).map(PrivacyNotice::version).orElse(0) + 1;
        String staffId = ((Principal.Staff) context.principal()).staffId();
        PrivacyNotice notice = new PrivacyNotice(feature, next, title, summary, points,
                LocalDate.ofInstant(clock.instant(), LONDON), staffId);
        if (!notices.insert(notice, claim.id())) {
            throw new ApiException(ErrorCode.CONFLICT, "Someone else published a new version of this part just "
                    + "now. Reload the page to see it.", Input.path("feature"), Map.of());
        }
        audit.record(context, AuditAction.CREATE, PrivacyNotice.TYPE, notice.id(), null,
                "privacy notice " + feature + " version " + next + " published");
        return view(notice, next, null);
    }

    private static List<String> points(Input input) {
        List<String> path = Input.path("points");
        if (!(input.raw("points") instanceof List<?> raw) || raw.isEmpty() || raw.size() > MAX_POINTS) {
            throw ApiException.badInput(path, "Give 1 to " + MAX_POINTS + " points.");
        }
        List<String> points = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            String point = String.valueOf(raw.get(i)).trim();
            if (point.length() < 3 || point.length() > 200) {
                throw ApiException.badInput(List.of("input", "points", String.valueOf(i)),
                        "Each point must be 3 to 200 characters.");
            }
            points.add(point);
        }
        return points;
    }

    private Map<NoticeFeature, Acknowledgement> latest(Principal principal) {
        return principal instanceof Principal.YoungPersonUser yp ? acknowledgements.latest(yp.youngPersonId())
                : Map.of();
    }

    private static NoticeView view(PrivacyNotice notice, int current, Acknowledgement ack) {
        return new NoticeView(notice.feature(), notice.version(), notice.title(), notice.summary(), notice.points(),
                notice.publishedOn(), ack == null ? null : ack.version(), ack == null ? null : ack.acknowledgedAt(),
                ack == null || ack.version() < current);
    }

    private static void requireAdmin(Principal principal) {
        switch (principal) {
            case Principal.Staff staff when staff.role() == StaffRole.ADMIN -> { }
            case Principal.Staff staff -> throw ApiException.forbidden();
            default -> throw ApiException.unauthenticatedOrForbidden(principal);
        }
    }
}
