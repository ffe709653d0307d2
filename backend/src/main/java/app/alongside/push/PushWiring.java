package app.alongside.push;

import app.alongside.identity.IdentityPolicy;
import app.alongside.identity.StaffMember;
import app.alongside.identity.YoungPerson;
import app.alongside.kernel.StaffRole;
import app.alongside.platform.core.ApiException;
import app.alongside.platform.core.Connections;
import app.alongside.platform.core.GlobalIds;
import app.alongside.platform.core.Input;
import app.alongside.platform.core.Payloads;
import app.alongside.platform.core.RequestContext;
import app.alongside.platform.graphql.Nodes;
import app.alongside.platform.graphql.Wiring;

import java.util.List;
import java.util.Map;

/** Wires {@code push.graphqls}: devices and preferences for the signed-in person, delivery state for admins. */
public final class PushWiring {
    /** Payload of {@code registerDevice}. */
    public record RegisterDevicePayload(Device device, List<Connections.UserError> userErrors,
                                        String clientMutationId) {
    }

    /** Payload of {@code unregisterDevice}. */
    public record UnregisterDevicePayload(boolean removed, List<Connections.UserError> userErrors,
                                          String clientMutationId) {
    }

    /** Payload of {@code updateNotificationPreferences}. */
    public record UpdatePreferencesPayload(NotificationPreferences notificationPreferences,
                                           List<Connections.UserError> userErrors, String clientMutationId) {
    }

    private PushWiring() {
    }

    public static void register(Wiring wiring, Nodes nodes, PushService push, NotificationRepository notifications,
                                IdentityPolicy policy, int maxPage) {
        nodes.register(Device.TYPE, (ids, context) -> push.devices(context, ids),
                new Nodes.Stored(DeviceRepository.COLLECTION, null))
                .register(PushNotification.TYPE, (ids, context) -> {
                    policy.requireRole(context.principal(), StaffRole.ADMIN);
                    return Map.copyOf(notifications.findByIds(ids));
                }, new Nodes.Stored(NotificationRepository.COLLECTION, null));
        wiring.backedBy("Device", Device.class)
                .fetcher("Device", "id", env -> GlobalIds.encode(Device.TYPE, ((Device) env.getSource()).id()))
                .backedBy("NotificationPreferences", NotificationPreferences.class)
                .fetcher("NotificationPreferences", "categories",
                        env -> ((NotificationPreferences) env.getSource()).categories())
                .backedBy("CategoryPreference", NotificationPreferences.CategoryPreference.class)
                .backedBy("QuietHours", NotificationPreferences.QuietHours.class)
                .backedBy("RegisterDevicePayload", RegisterDevicePayload.class)
                .backedBy("UnregisterDevicePayload", UnregisterDevicePayload.class)
                .backedBy("UpdateNotificationPreferencesPayload", UpdatePreferencesPayload.class)
                .backedBy("PushNotification", PushNotification.class)
                .fetcher("PushNotification", "id", env -> GlobalIds.encode(PushNotification.TYPE,
                        ((PushNotification) env.getSource()).id()))
                .fetcher("PushNotification", "recipientId", env -> recipientId(
                        ((PushNotification) env.getSource()).recipient()))
                .backedBy("PushNotificationConnection", Connections.Connection.class)
                .backedBy("PushNotificationEdge", Connections.Edge.class)
                .fetcher("Query", "notificationPreferences", env -> push.preferences(RequestContext.of(env)
                        .principal()))
                .fetcher("Query", "pushNotifications", env -> {
                    policy.requireRole(RequestContext.of(env).principal(), StaffRole.ADMIN);
                    Map<String, Object> filter = env.getArgument("filter");
                    return notifications.search(search(filter == null ? Map.of() : filter),
                            Connections.Page.of(env, maxPage));
                });
        registerMutations(wiring, push);
    }

    private static void registerMutations(Wiring wiring, PushService push) {
        wiring.fetcher("Mutation", "registerDevice", env -> {
            Input input = Input.of(env);
            String id = input.clientMutationId().orElse(null);
            return Payloads.run(() -> new RegisterDevicePayload(push.register(RequestContext.of(env), input),
                    List.of(), id), errors -> new RegisterDevicePayload(null, errors, id));
        }).fetcher("Mutation", "unregisterDevice", env -> {
            Input input = Input.of(env);
            String id = input.clientMutationId().orElse(null);
            return Payloads.run(() -> new UnregisterDevicePayload(push.unregister(RequestContext.of(env), input),
                    List.of(), id), errors -> new UnregisterDevicePayload(false, errors, id));
        }).fetcher("Mutation", "updateNotificationPreferences", env -> {
            Input input = Input.of(env);
            String id = input.clientMutationId().orElse(null);
            return Payloads.run(() -> new UpdatePreferencesPayload(push.updatePreferences(
                    RequestContext.of(env), input), List.of(), id),
                    errors -> new UpdatePreferencesPayload(null, errors, id));
        });
    }

    private static NotificationRepository.Search search(Map<String, Object> filter) {
        return new NotificationRepository.Search(filter.get("state") instanceof String state ? state : null,
                filter.get("kind") instanceof String kind ? kind : null,
                filter.get("recipientId") instanceof String id ? recipientKey(id) : null);
    }

    private static String recipientKey(String globalId) {
        return GlobalIds.decode(globalId).map(decoded -> switch (decoded.type()) {
            case YoungPerson.TYPE -> "yp:" + decoded.id();
            case StaffMember.TYPE -> "staff:" + decoded.id();
            default -> null;
        }).orElseThrow(() -> ApiException.badInput(List.of("filter", "recipientId"),
                "Not a young person's or staff member's id."));
    }

    private static String recipientId(String key) {
        if (key.startsWith("yp:")) {
            return GlobalIds.encode(YoungPerson.TYPE, key.substring(3));
        }
        return GlobalIds.encode(StaffMember.TYPE, key.substring(key.indexOf(':') + 1));
    }
}
