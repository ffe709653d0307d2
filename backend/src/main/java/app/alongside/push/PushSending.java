package app.alongside.push;

import app.alongside.platform.core.GlobalIds;
import org.bson.Document;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Stage 2 of the push pipeline, sending one batch: leases a send group of due notifications, drops those whose
 * device is gone or moved to another account, whose time to live ran out or whose payload is over FCM's limit,
 * builds the {@link OutgoingPush} of each of the rest, hands them to the {@link PushSender} and records what
 * {@link FcmOutcomes} makes of each answer, all under the batch's claim.
 */
final class PushSending {
    /** The dispatcher's logger: these lines read as they did before the pipeline was split. */
    private static final Logger LOG = Logger.getLogger(PushDispatcher.class.getName());

    private final NotificationRepository notifications;
    private final DeviceRepository devices;
    private final Optional<PushSender> sender;
    private final FcmOutcomes outcomes;
    private final Clock clock;
    private final Duration lease;
    private final String owner;

    /** Sends as {@code owner}, holding a claimed batch for {@code lease}. */
    PushSending(NotificationRepository notifications, DeviceRepository devices, Optional<PushSender> sender,
                FcmOutcomes outcomes, Clock clock, Duration lease, String owner) {
        this.notifications = notifications;
        this.devices = devices;
        this.sender = sender;
        this.outcomes = outcomes;
        this.clock = clock;
        this.lease = lease;
        this.owner = owner;
    }

    /** Claims one batch of due notifications, sends it and records the outcomes; answers the batch size. */
    int sendBatch() {
        Instant now = clock.instant();
        NotificationRepository.Claimed batch = notifications.claim(owner, now, now.plus(lease));
        if (batch.documents().isEmpty()) {
            return 0;
        }
        Map<String, Device> current = devices.byTokens(batch.documents().stream().map(d -> d.getString("token"))
                .toList());
        List<NotificationRepository.Outcome> recorded = new ArrayList<>();
        List<Document> sending = new ArrayList<>();
        List<OutgoingPush> pushes = new ArrayList<>();
        for (Document doc : batch.documents()) {
            Device device = current.get(doc.getString("token"));
            if (device == null || !device.owner().equals(doc.getString("recipient"))) {
                // The app unregistered, FCM dropped the token, or it moved to another account: never send there.
                recorded.add(outcomes.drop(doc, device == null ? "DEVICE_GONE" : "DEVICE_REBOUND", now));
                continue;
            }
            if (!doc.getDate("expiresAt").toInstant().isAfter(now)) {
                // Its time to live ran out while it waited (retries, a pause, no credentials): FCM would not
                // deliver it now, and a reminder days late helps nobody.
                recorded.add(outcomes.drop(doc, "EXPIRED", now));
                continue;
            }
            OutgoingPush push = outgoing(doc, device, now);
            if (push.payloadBytes() >= OutgoingPush.MAX_PAYLOAD_BYTES) {
                LOG.warning("push " + doc.getString("_id") + " dropped: payload of " + push.payloadBytes()
                        + " bytes is over FCM's limit");
                recorded.add(outcomes.drop(doc, "PAYLOAD_TOO_LARGE", now));
                continue;
            }
            sending.add(doc);
            pushes.add(push);
        }
        List<PushSender.Result> results = send(pushes);
        Instant done = clock.instant();
        int sent = 0;
        for (int i = 0; i < sending.size(); i++) {
            if (results.get(i).ok()) {
                sent++;
            } else {
                recorded.add(outcomes.refused(sending.get(i), results.get(i), done));
            }
        }
        notifications.finish(batch.claim(), recorded, outcomes.delivered(sent, done));
        return batch.documents().size();
    }

    /** At most 500 per {@code sendEach}; a group grown by a re-expansion after a crash is sent in two calls. */
    private List<PushSender.Result> send(List<OutgoingPush> pushes) {
        List<PushSender.Result> results = new ArrayList<>();
        for (int from = 0; from < pushes.size(); from += PushSender.MAX_BATCH) {
            results.addAll(sender.orElseThrow().send(pushes.subList(from, Math.min(pushes.size(),
                    from + PushSender.MAX_BATCH))));
        }
        return results;
    }

    private OutgoingPush outgoing(Document doc, Device device, Instant now) {
        PushCategory category = PushCategory.valueOf(doc.getString("category"));
        Map<String, String> data = new HashMap<>();
        doc.get("data", Document.class).forEach((key, value) -> data.put(key, String.valueOf(value)));
        data.put("kind", doc.getString("kind"));
        data.put("notificationId", GlobalIds.encode(PushNotification.TYPE,
                doc.getString("_id")));
        data.put("sequence", String.valueOf(doc.get("sequence")));
        data.put("category", category.name());
        boolean generic = LockScreenPrivacy.GENERIC.name().equals(doc.getString("lockScreen"));
        Instant expiresAt = doc.getDate("expiresAt").toInstant();
        Duration ttl = Duration.between(now, expiresAt);
        return new OutgoingPush(doc.getString("_id"), device.token(), device.platform(), category, data,
                generic ? Optional.of(category.genericText()) : Optional.empty(), doc.getString("collapseKey"),
                ttl.isNegative() ? Duration.ZERO : ttl, expiresAt);
    }
}
