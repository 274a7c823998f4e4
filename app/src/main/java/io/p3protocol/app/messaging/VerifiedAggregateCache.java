package io.p3protocol.app.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.AggregateCacheEntry;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Loaded aggregates kept between commands, for Axon's caching repository ({@code @Aggregate(cache = ...)}), each
 * checked against the event store before it is used again. A command on a cached aggregate then costs one index
 * lookup of the aggregate's last sequence number instead of reading its snapshot and every event after it, and
 * deserializing and applying them: a tenant that issues keys had about 24 of those per command.
 * <p>
 * The check is what makes the cache safe when several nodes share one store. An aggregate that another node changed
 * since it was cached is loaded afresh; a change that lands after the check makes this command's append collide on the
 * sequence number, which rolls the command back (409) and, as with any rollback, evicts the entry (Axon's repository
 * does that). Bounded: past {@code capacity}, the least recently used aggregate goes first.
 */
public final class VerifiedAggregateCache implements Cache {

    /** The event store's last sequence number of an aggregate, or null when it has no events. */
    @FunctionalInterface
    public interface LastSequenceNumbers {
        Long of(String aggregateIdentifier);
    }

    private record Held(Object value, long version) {
    }

    private final int capacity;
    private final LastSequenceNumbers store;
    private final Map<Object, Held> entries;
    private final List<EntryListener> listeners = new CopyOnWriteArrayList<>();
    private final Counter hits;
    private final Counter stale;
    private final Counter misses;

    public VerifiedAggregateCache(String aggregateType, int capacity, LastSequenceNumbers store, MeterRegistry meters) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
        }
        this.capacity = capacity;
        this.store = store;
        this.entries = new LinkedHashMap<>(Math.min(capacity, 1024), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Object, Held> eldest) {
                return size() > VerifiedAggregateCache.this.capacity;
            }
        };
        this.hits = counter(meters, aggregateType, "hit");
        this.stale = counter(meters, aggregateType, "stale");
        this.misses = counter(meters, aggregateType, "miss");
    }

    private static Counter counter(MeterRegistry meters, String aggregateType, String result) {
        return Counter.builder("p3.aggregate.cache")
                .description("Aggregate loads by cache result: hit (used as cached), stale (changed in the store "
                        + "since it was cached: loaded afresh), miss (not cached)")
                .tag("aggregate", aggregateType).tag("result", result)
                .register(meters);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> V get(K key) {
        Held held;
        synchronized (entries) {
            held = entries.get(key);
        }
        if (held == null) {
            misses.increment();
            return null;
        }
        Long last = store.of(key.toString());
        if (last == null || last != held.version()) {
            stale.increment();
            boolean removed;
            synchronized (entries) {
                removed = entries.remove(key, held);
            }
            if (removed) {
                listeners.forEach(l -> l.onEntryRemoved(key));
            }
            return null;
        }
        hits.increment();
        listeners.forEach(l -> l.onEntryRead(key, held.value()));
        return (V) held.value();
    }

    @Override
    public void put(Object key, Object value) {
        Long version = versionOf(value);
        Held previous;
        synchronized (entries) {
            previous = version == null ? entries.remove(key) : entries.put(key, new Held(value, version));
        }
        if (version == null) {
            if (previous != null) {
                listeners.forEach(l -> l.onEntryRemoved(key));
            }
        } else if (previous == null) {
            listeners.forEach(l -> l.onEntryCreated(key, value));
        } else {
            listeners.forEach(l -> l.onEntryUpdated(key, value));
        }
    }

    @Override
    public boolean putIfAbsent(Object key, Object value) {
        Long version = versionOf(value);
        if (version == null) {
            return false;
        }
        synchronized (entries) {
            if (entries.containsKey(key)) {
                return false;
            }
            entries.put(key, new Held(value, version));
        }
        listeners.forEach(l -> l.onEntryCreated(key, value));
        return true;
    }

    @Override
    public boolean remove(Object key) {
        Held removed;
        synchronized (entries) {
            removed = entries.remove(key);
        }
        if (removed != null) {
            listeners.forEach(l -> l.onEntryRemoved(key));
        }
        return removed != null;
    }

    @Override
    public void removeAll() {
        synchronized (entries) {
            entries.clear();
        }
    }

    @Override
    public boolean containsKey(Object key) {
        synchronized (entries) {
            return entries.containsKey(key);
        }
    }

    /** Entries held now (at most the capacity). */
    public int size() {
        synchronized (entries) {
            return entries.size();
        }
    }

    @Override
    public Registration registerCacheEntryListener(EntryListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /**
     * The sequence number of the last event applied to a cached aggregate, or null when it cannot be known (then the
     * value is not cached: an entry that cannot be checked is never served). Axon caches {@link AggregateCacheEntry}s;
     * held in memory, as here, each keeps its live aggregate, which {@code recreateAggregate} hands back as it is.
     */
    private static Long versionOf(Object value) {
        if (!(value instanceof AggregateCacheEntry<?> entry)) {
            return null;
        }
        try {
            return Objects.requireNonNull(entry.recreateAggregate(null, null, null, null)).version();
        } catch (RuntimeException e) {
            return null; // a serialized entry without its live aggregate: not ours to rebuild
        }
    }
}
