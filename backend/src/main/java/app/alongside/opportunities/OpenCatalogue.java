package app.alongside.opportunities;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * The approved, open opportunities, held in memory for search: one query every {@code ttl} (and after any change
 * this instance makes) instead of one per search, and matching, eligibility and paging in plain Java. On the
 * embedded store, which scans a collection for anything but an id, a search over 10,000 opportunities would
 * otherwise cost a scan per request. Another instance's change shows within {@code ttl}; reading one opportunity
 * by id always goes to the store.
 */
final class OpenCatalogue {
    /** An opportunity with the words of its title and description. */
    record Entry(Opportunity opportunity, Set<String> terms) {
    }

    private record Snapshot(Instant loadedAt, LocalDate day, List<Entry> entries) {
    }

    private final OpportunityRepository opportunities;
    private final Duration ttl;
    private final Clock clock;
    private volatile Snapshot snapshot;

    OpenCatalogue(OpportunityRepository opportunities, Duration ttl, Clock clock) {
        this.opportunities = opportunities;
        this.ttl = ttl;
        this.clock = clock;
    }

    List<Entry> entries(LocalDate today) {
        Snapshot current = snapshot;
        if (fresh(current, today)) {
            return current.entries();
        }
        synchronized (this) {
            current = snapshot;
            if (!fresh(current, today)) {
                current = load(today);
                snapshot = current;
            }
            return current.entries();
        }
    }

    /** Forgets the snapshot after a change on this instance, so its own writes show at once. */
    void invalidate() {
        snapshot = null;
    }

    private boolean fresh(Snapshot current, LocalDate today) {
        return current != null && current.day().equals(today)
                && clock.instant().isBefore(current.loadedAt().plus(ttl));
    }

    private Snapshot load(LocalDate today) {
        List<Entry> entries = opportunities.find(Filters.and(Filters.eq("status", Opportunity.Status.APPROVED.name()),
                        Filters.gte("closingDate", today.toString())), Sorts.ascending("closingDate", "_id"),
                Integer.MAX_VALUE).stream().map(o -> new Entry(o, OpportunityRepository.terms(o.title() + " "
                + o.description()))).toList();
        return new Snapshot(clock.instant(), today, entries);
    }
}
