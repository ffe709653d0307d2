package app.alongside.privacy.notices;

import app.alongside.platform.core.Connections;
import app.alongside.platform.core.Input;
import app.alongside.platform.core.Payloads;
import app.alongside.platform.core.RequestContext;
import app.alongside.platform.graphql.Wiring;
import graphql.schema.DataFetchingEnvironment;

import java.util.List;

/** Wires {@code privacy.graphqls}. */
final class NoticesWiring {
    /** Payload of {@code acknowledgePrivacyNotice} and {@code publishPrivacyNotice}. */
    record NoticePayload(PrivacyNotices.NoticeView notice, List<Connections.UserError> userErrors,
                         String clientMutationId) {
    }

    private NoticesWiring() {
    }

    static void register(Wiring wiring, PrivacyNotices notices) {
        wiring.backedBy("PrivacyNotice", PrivacyNotices.NoticeView.class)
                .backedBy("PrivacyNoticeStatus", PrivacyNotices.NoticeStatus.class)
                .backedBy("AcknowledgePrivacyNoticePayload", NoticePayload.class)
                .backedBy("PublishPrivacyNoticePayload", NoticePayload.class)
                .fetcher("Query", "privacyNotice", env -> notices.current(RequestContext.of(env).principal(),
                        feature(env)))
                .fetcher("Query", "privacyNotices", env -> notices.currentAll(RequestContext.of(env).principal()))
                .fetcher("Query", "privacyNoticeHistory", env -> notices.history(RequestContext.of(env).principal(),
                        feature(env)))
                .fetcher("Query", "privacyNoticeStatus", env -> notices.status(RequestContext.of(env).principal()))
                .fetcher("Mutation", "acknowledgePrivacyNotice", env -> payload(env, true, notices))
                .fetcher("Mutation", "publishPrivacyNotice", env -> payload(env, false, notices));
    }

    private static NoticeFeature feature(DataFetchingEnvironment env) {
        return NoticeFeature.valueOf(env.getArgument("feature"));
    }

    private static NoticePayload payload(DataFetchingEnvironment env, boolean acknowledge, PrivacyNotices notices) {
        Input input = Input.of(env);
        RequestContext context = RequestContext.of(env);
        String clientMutationId = input.clientMutationId().orElse(null);
        return Payloads.run(() -> new NoticePayload(acknowledge ? notices.acknowledge(context, input)
                        : notices.publish(context, input), List.of(), clientMutationId),
                errors -> new NoticePayload(null, errors, clientMutationId));
    }
}
