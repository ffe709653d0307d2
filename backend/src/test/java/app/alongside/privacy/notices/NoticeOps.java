package app.alongside.privacy.notices;

import app.alongside.fixtures.Engine;
import app.alongside.fixtures.Http;
import app.alongside.fixtures.Ops;
import app.alongside.fixtures.Platform;
import app.alongside.fixtures.YoungPersonApp;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertNotNull;

/** The privacy notice operations as the tests send them, and records of what they select. */
public final class NoticeOps {
    static final String FIELDS = "feature version title summary points publishedOn acknowledgedVersion "
            + "acknowledgedAt needsAcknowledgement";
    static final String NOTICE = "query N($feature: PrivacyNoticeFeature!) { privacyNotice(feature: $feature) { "
            + FIELDS + " } }";
    static final String NOTICES = "{ privacyNotices { " + FIELDS + " } }";
    static final String HISTORY = "query H($feature: PrivacyNoticeFeature!) { privacyNoticeHistory(feature: $feature)"
            + " { " + FIELDS + " } }";
    static final String STATUS = "{ privacyNoticeStatus { notice { feature version } acknowledgedCount "
            + "earlierVersions } }";
    static final String ACKNOWLEDGE = "mutation A($input: AcknowledgePrivacyNoticeInput!) { "
            + "acknowledgePrivacyNotice(input: $input) { notice { " + FIELDS + " } userErrors { field message code } "
            + "clientMutationId } }";
    static final String PUBLISH = "mutation P($input: PublishPrivacyNoticeInput!) { publishPrivacyNotice(input: "
            + "$input) { notice { " + FIELDS + " } userErrors { field message code } clientMutationId } }";

    /** {@code PrivacyNotice} as {@link #FIELDS} selects it. */
    public record Notice(String feature, int version, String title, String summary, List<String> points,
                         String publishedOn, Integer acknowledgedVersion, String acknowledgedAt,
                         boolean needsAcknowledgement) {
    }

    /** {@code PrivacyNoticeStatus} as {@link #STATUS} selects it. */
    public record Status(Notice notice, int acknowledgedCount, int earlierVersions) {
    }

    /** Both mutations' payloads. */
    public record NoticePayload(Notice notice, List<Ops.UserError> userErrors, String clientMutationId)
            implements Ops.WithUserErrors {
    }

    private NoticeOps() {
    }

    static Notice notice(Engine.Asker asker, String feature) {
        return Ops.payload(asker.graphql(NOTICE, Map.of("feature", feature)), "privacyNotice", Notice.class);
    }

    static NoticePayload acknowledge(Engine.Asker asker, String feature, int version) {
        return Ops.payload(asker.graphql(ACKNOWLEDGE, Ops.input(Map.of("feature", feature, "version", version))),
                "acknowledgePrivacyNotice", NoticePayload.class);
    }

    static Http.Reply publish(Engine.Asker asker, Map<String, Object> input) {
        return asker.graphql(PUBLISH, Ops.input(input));
    }

    static Map<String, Object> newVersion(String feature) {
        return Map.of("feature", feature, "title", "Talking to your advocate",
                "summary", "Your messages go only to your advocacy service.",
                "points", List.of("We keep your messages.", "Only your advocacy service reads them."));
    }

    /** A young person of council A who was invited, signed up and redeemed over HTTP, as the engine sees them. */
    static Engine.Asker joined(Http http, Platform platform, Engine engine, String name) {
        String[] invite = platform.invite(name);
        YoungPersonApp app = YoungPersonApp.signUp(http);
        Http.Reply redeemed = app.graphql(Ops.REDEEM_INVITE, Ops.input(Map.of("code", invite[1])));
        assertNotNull(Ops.at(redeemed, "redeemInvite", "youngPerson", "id"), redeemed.body());
        return engine.youngPerson(invite[0], app.uid());
    }
}
