package app.alongside.platform.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Remembers values read from the store for a short time, so that a value every request needs (a service's
 * safeguarding phrases, its roster) is read once in {@code ttl}, not on every request. A write on this instance
 * forgets the key at once; another instance's write is seen within {@code ttl}: each use says why that is fine.
 * A zero {@code ttl} remembers nothing. Bounded: past {@code maxEntries} it drops the expired, then everything.
 * Loading is not locked: two requests that miss together both read, and the last one read is kept.
 */
public final class ShortCache<K, V> {
    private record Entry<V>(V value, Instant until) {
    }

    private final Duration ttl;
    private final int maxEntries;
    private final Clock clock;
    private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();

    public ShortCache(Duration ttl, int maxEntries, Clock clock) {
        this.ttl = ttl;
        this.maxEntries = maxEntries;
        this.clock = clock;
    }

    /** The value remembered for {@code key}, or what {@code load} reads now (remembered unless null). */
    public V get(K key, Function<K, V> load) {
        if (ttl.isZero()) {
            return load.apply(key);
        }
        Instant now = clock.instant();
        Entry<V> entry = entries.get(key);
        if (entry != null && now.isBefore(entry.until())) {
            return entry.value();
        }
        V value = load.apply(key);
        if (value != null) {
            put(key, value);
        } else {
            entries.remove(key);
        }
        return value;
    }

    /** The value remembered for {@code key}, or null. */
    public V peek(K key) {
        Entry<V> entry = ttl.isZero() ? null : entries.get(key);
        return entry != null && clock.instant().isBefore(entry.until()) ? entry.value() : null;
    }

    /** Remembers {@code value} for {@code key} (nothing when the ttl is zero). */
    public void put(K key, V value) {
        if (ttl.isZero()) {
            return;
        }
        Instant now = clock.instant();
        if (entries.size() >= maxEntries) {
            entries.values().removeIf(e -> !now.isBefore(e.until()));
            if (entries.size() >= maxEntries) {
                entries.clear();
            }
        }
        entries.put(key, new Entry<>(value, now.plus(ttl)));
    }

    /** Forgets {@code key}: the next {@link #get} reads the store. */
    public void forget(K key) {
        entries.remove(key);
    }

    public void forgetAll() {
        entries.clear();
    }
}
