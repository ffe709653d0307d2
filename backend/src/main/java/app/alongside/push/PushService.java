package app.alongside.push;

import app.alongside.audit.AuditAction;
import app.alongside.audit.AuditLog;
import app.alongside.kernel.Principal;
import app.alongside.platform.core.ApiException;
import app.alongside.platform.core.ErrorCode;
import app.alongside.platform.core.Input;
import app.alongside.platform.core.RequestContext;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.IllformedLocaleException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Devices and preferences for whoever is signed in: a young person in an app or a staff member (an advocate on
 * call). Each person reaches only their own devices and choices, keyed by {@code Principal.key()}.
 */
public final class PushService {
    public static final int MAX_DEVICES = 10;
    public static final int MAX_TOKEN_LENGTH = 1024;

    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9:_.\\-]+");
    private static final Pattern APP_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._\\-]*");
    private static final Pattern APP_VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ._+()\\-]*");
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

    private final DeviceRepository devices;
    private final PreferencesRepository preferences;
    private final AuditLog audit;
    private final Clock clock;

    public PushService(DeviceRepository devices, PreferencesRepository preferences, AuditLog audit, Clock clock) {
        this.devices = devices;
        this.preferences = preferences;
        this.audit = audit;
        this.clock = clock;
    }

    /** Whose data a change is, for the audit log: the young person's own id, none for staff. */
    private static String subject(Principal principal) {
        return principal instanceof Principal.YoungPersonUser yp ? yp.youngPersonId() : null;
    }

    /** The person a push can reach: a linked young person or a staff member; anyone else is refused. */
    /** Devices by id, only the caller's own: {@code node(id:)} shows no one else's. */
    public Map<String, Object> devices(RequestContext context, List<String> ids) {
        return Map.copyOf(devices.ofOwner(owner(context.principal()), ids));
    }

    static String owner(Principal principal) {
        return switch (principal) {
            case Principal.YoungPersonUser yp -> yp.key();
            case Principal.Staff staff -> staff.key();
            default -> throw ApiException.unauthenticatedOrForbidden(principal);
        };
    }

    public Device register(RequestContext context, Input input) {
        Principal principal = context.principal();
        String owner = owner(principal);
        String token = token(input);
        DevicePlatform platform = input.requiredEnum("platform", DevicePlatform.class);
        String appId = pattern(input, "appId", 200, APP_ID, "Use letters, digits, dots, underscores and hyphens.");
        String appVersion = pattern(input, "appVersion", 50, APP_VERSION,
                "Use letters, digits, spaces, dots, brackets, plus signs and hyphens.");
        String locale = languageTag(input, "locale");
        Device device = devices.register(owner, token, platform, appId, appVersion, locale, clock.instant());
        int dropped = devices.keepNewest(owner, MAX_DEVICES);
        audit.record(context, AuditAction.UPDATE, Device.TYPE, device.id(), subject(principal),
                "device registered (" + platform + ")" + (dropped > 0 ? "; the oldest device was dropped" : ""));
        return device;
    }

    public boolean unregister(RequestContext context, Input input) {
        String owner = owner(context.principal());
        if (!devices.remove(owner, token(input))) {
            throw new ApiException(ErrorCode.NOT_FOUND, "You have no device with that token.", Input.path("token"),
                    Map.of());
        }
        audit.record(context, AuditAction.DELETE, Device.TYPE, null, subject(context.principal()),
                "device unregistered");
        return true;
    }

    public NotificationPreferences preferences(Principal principal) {
        return preferences.of(owner(principal));
    }

    /** Validates the whole input first, so a bad field changes nothing. */
    public NotificationPreferences updatePreferences(RequestContext context, Input input) {
        String owner = owner(context.principal());
        NotificationPreferences current = preferences.of(owner);
        Map<PushCategory, Boolean> enabled = new EnumMap<>(current.enabled());
        enabled.putAll(categories(input));
        NotificationPreferences.QuietHours quiet = input.nested("quietHours").map(PushService::quietHours)
                .orElse(current.quietHours());
        LockScreenPrivacy lockScreen = input.optionalEnum("lockScreen", LockScreenPrivacy.class)
                .orElse(current.lockScreen());
        NotificationPreferences updated = new NotificationPreferences(enabled, quiet, lockScreen);
        preferences.save(owner, updated, clock.instant());
        audit.record(context, AuditAction.UPDATE, "NotificationPreferences", null, subject(context.principal()),
                "notification preferences changed");
        return updated;
    }

    private static String token(Input input) {
        String token = input.secret("token", MAX_TOKEN_LENGTH);
        if (!TOKEN.matcher(token).matches()) {
            throw ApiException.badInput(Input.path("token"),
                    "Not an FCM registration token: use letters, digits, ':', '-', '_' and '.'.");
        }
        return token;
    }

    private static String pattern(Input input, String name, int max, Pattern pattern, String message) {
        String value = input.text(name, 1, max);
        if (!pattern.matcher(value).matches()) {
            throw ApiException.badInput(Input.path(name), message);
        }
        return value;
    }

    private static String languageTag(Input input, String name) {
        String tag = input.text(name, 2, 35);
        try {
            Locale locale = new Locale.Builder().setLanguageTag(tag).build();
            if (locale.getLanguage().isEmpty()) {
                throw new IllformedLocaleException("no language");
            }
            return locale.toLanguageTag();
        } catch (IllformedLocaleException e) {
            throw ApiException.badInput(Input.path(name), "Not a BCP 47 language tag such as en-GB or cy.");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<PushCategory, Boolean> categories(Input input) {
        Map<PushCategory, Boolean> changes = new EnumMap<>(PushCategory.class);
        if (!(input.raw("categories") instanceof List<?> list)) {
            return changes;
        }
        for (Object item : list) {
            Map<String, Object> entry = (Map<String, Object>) item;
            PushCategory category = PushCategory.valueOf((String) entry.get("category"));
            if (changes.put(category, (Boolean) entry.get("enabled")) != null) {
                throw ApiException.badInput(Input.path("categories"), "List each category at most once.");
            }
        }
        return changes;
    }

    private static NotificationPreferences.QuietHours quietHours(Input quiet) {
        boolean enabled = quiet.optionalBoolean("enabled").orElse(true);
        LocalTime start = time(quiet, "start");
        LocalTime end = time(quiet, "end");
        if (start.equals(end)) {
            throw ApiException.badInput(List.of("input", "quietHours", "end"), "Must differ from start.");
        }
        return new NotificationPreferences.QuietHours(enabled, start, end, zone(quiet));
    }

    private static LocalTime time(Input quiet, String name) {
        String text = Optional.ofNullable(quiet.raw(name)).map(Object::toString).orElse("");
        try {
            return LocalTime.parse(text, HH_MM);
        } catch (DateTimeParseException e) {
            throw ApiException.badInput(List.of("input", "quietHours", name), "Use HH:MM on a 24-hour clock.");
        }
    }

    private static ZoneId zone(Input quiet) {
        String text = Optional.ofNullable(quiet.raw("timeZone")).map(Object::toString).orElse("");
        if (!ZoneId.getAvailableZoneIds().contains(text)) {
            throw ApiException.badInput(List.of("input", "quietHours", "timeZone"),
                    "Not an IANA time zone such as Europe/London.");
        }
        try {
            return ZoneId.of(text);
        } catch (DateTimeException e) {
            throw ApiException.badInput(List.of("input", "quietHours", "timeZone"), "Not a known time zone.");
        }
    }
}
