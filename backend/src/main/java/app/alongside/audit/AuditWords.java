package app.alongside.audit;

import app.alongside.kernel.StaffRole;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Audit events in plain words for the admins' log: what was done ("Read a young person's record"), to what, and
 * each role as staff call it. No enum value or stored type name reaches the page.
 */
final class AuditWords {
    private static final Map<String, String> THINGS = Map.ofEntries(
            Map.entry("YoungPerson", "a young person's profile"),
            Map.entry("youngPerson", "a young person's data"),
            Map.entry("StaffMember", "a staff account"),
            Map.entry("Organisation", "an organisation"),
            Map.entry("AdvocacyService", "an advocacy service"),
            Map.entry("Record", "a young person's shared record"),
            Map.entry("Goal", "a young person's goal"),
            Map.entry("GoalStep", "a step of a goal"),
            Map.entry("GoalComment", "a comment on a goal"),
            Map.entry("Message", "a message"),
            Map.entry("MessageThread", "a conversation"),
            Map.entry("Advocacy", "a young person's advocacy"),
            Map.entry("SafeguardingConcern", "a safeguarding concern"),
            Map.entry("SafeguardingPhraseList", "the safeguarding phrases"),
            Map.entry("Opportunity", "an opportunity"),
            Map.entry("Interest", "interest in an opportunity"),
            Map.entry("CorrectionRequest", "a correction request"),
            Map.entry("Dispute", "a young person's side of a decision"),
            Map.entry("ErasureRequest", "an erasure request"),
            Map.entry("erasureRequest", "an erasure request"),
            Map.entry("Device", "an app's device"),
            Map.entry("PushNotification", "a push notification"),
            Map.entry("PrivacyNotice", "the privacy notice"),
            Map.entry("PrivacyNoticeAcknowledgement", "a reading of the privacy notice"),
            Map.entry("Invite", "an invite"),
            Map.entry("NotificationPreferences", "notification preferences"),
            Map.entry("PathwayPlanReview", "a pathway plan review"),
            Map.entry("Mission", "a mission"),
            Map.entry("DataExport", "a young person's data export"));

    private static final Pattern CODE = Pattern.compile("\\b(?:[A-Z]{4,}|[A-Z]+(?:_[A-Z]+)+)\\b");

    private AuditWords() {
    }

    /** What was done, e.g. "Read a young person's shared record" or "Signed in". */
    static String action(AuditAction action, String targetType) {
        String thing = thing(targetType);
        return switch (action) {
            case READ -> "Read " + thing;
            case CREATE -> "Message".equals(targetType) ? "Sent a message" : "Created " + thing;
            case UPDATE -> "Changed " + thing;
            case DELETE -> "StaffMember".equals(targetType) ? "Deactivated a staff account" : "Deleted " + thing;
            case SIGN_IN -> "Signed in";
            case SIGN_IN_FAILED -> "Failed to sign in";
            case SIGN_OUT -> "Signed out";
            case ACCESS_DENIED -> "Was refused " + thing;
        };
    }

    /** The kind of thing, as a sentence starts it: "A conversation". */
    static String kind(String targetType) {
        String thing = thing(targetType);
        return Character.toUpperCase(thing.charAt(0)) + thing.substring(1);
    }

    /** The role as staff call it: "Council worker". */
    static String role(StaffRole role) {
        return switch (role) {
            case ADMIN -> "Admin";
            case LA_WORKER -> "Council worker";
            case ADVOCATE -> "Advocate";
            case ADVOCACY_MANAGER -> "Advocacy manager";
            case CORPORATE_PARENT_STAFF -> "Corporate parent staff";
        };
    }

    /**
     * A detail with the codes in it as words: "staff LA_WORKER" reads "staff council worker", "organisation
     * LOCAL_AUTHORITY" "organisation local authority". Short capitals such as NHS stay.
     */
    static String detail(String detail) {
        if (detail == null) {
            return null;
        }
        String words = detail;
        for (StaffRole role : StaffRole.values()) {
            words = words.replace(role.name(), role(role).toLowerCase(Locale.ROOT));
        }
        return CODE.matcher(words).replaceAll(code -> code.group().replace('_', ' ').toLowerCase(Locale.ROOT));
    }

    /** A type no entry names yet reads as its words: "PathwayPlan" is "a pathway plan". */
    private static String thing(String targetType) {
        String known = THINGS.get(targetType);
        if (known != null) {
            return known;
        }
        String words = targetType.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
        return ("aeiou".indexOf(words.charAt(0)) >= 0 ? "an " : "a ") + words;
    }
}
