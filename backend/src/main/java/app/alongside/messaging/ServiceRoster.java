package app.alongside.messaging;

import app.alongside.identity.StaffMember;
import app.alongside.identity.StaffRepository;
import app.alongside.kernel.StaffRole;
import app.alongside.platform.core.ShortCache;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Who a young person's message reaches, per service: its active advocates and managers and its on-duty advocate,
 * remembered for {@code messaging.service-cache-seconds} so that a send does not read them each time. A staff
 * member added or deactivated, or an on-duty advocate named, on this instance is seen at once; on another
 * instance within the ttl. Only push recipients and escalation come from here: what a message reaches is a
 * notification that something new is waiting (its text never holds the message), and every access check still
 * reads the staff member's account as it is now.
 */
final class ServiceRoster {
    /** A service's roster as read. */
    record Snapshot(List<StaffMember> active, String onDutyAdvocateId) {
        /** The principal keys of the service's active managers. */
        List<String> managerKeys() {
            return active.stream().filter(m -> m.role() == StaffRole.ADVOCACY_MANAGER).map(m -> "staff:" + m.id())
                    .toList();
        }

        /** An active advocate or manager of the service. */
        Optional<StaffMember> advocate(String staffId) {
            return active.stream().filter(m -> m.id().equals(staffId))
                    .filter(m -> m.role() == StaffRole.ADVOCATE || m.role() == StaffRole.ADVOCACY_MANAGER)
                    .findFirst();
        }
    }

    private final StaffRepository staff;
    private final ServiceSettingsRepository settings;
    private final ShortCache<String, Snapshot> snapshots;

    ServiceRoster(StaffRepository staff, ServiceSettingsRepository settings, Duration ttl, Clock clock) {
        this.staff = staff;
        this.settings = settings;
        this.snapshots = new ShortCache<>(ttl, 10_000, clock);
    }

    Snapshot of(String serviceId) {
        return snapshots.get(serviceId, id -> new Snapshot(List.copyOf(staff.activeOf(id)),
                settings.texts(id).onDutyAdvocateId()));
    }

    void forget(String serviceId) {
        snapshots.forget(serviceId);
    }
}
