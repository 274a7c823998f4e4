package io.p3protocol.app.messaging;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.AggregateCacheEntry;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.eventsourcing.NoSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class VerifiedAggregateCacheTest {

    /** A minimal event-sourced aggregate: its version is the sequence number of the last event applied. */
    static class Counter {
        @AggregateIdentifier
        String id;

        @EventSourcingHandler
        void on(String event) {
            id = event;
        }
    }

    /** The store as the cache sees it: each aggregate's last sequence number. */
    private final Map<String, Long> store = new HashMap<>();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    private VerifiedAggregateCache cache(int capacity) {
        return new VerifiedAggregateCache("Counter", capacity, store::get, meters);
    }

    /** A loaded aggregate with {@code events} events (so version events - 1), as the repository caches it. */
    private AggregateCacheEntry<Counter> loaded(String id, int events) {
        EventSourcedAggregate<Counter> aggregate = EventSourcedAggregate.initialize(new Counter(),
                AnnotatedAggregateMetaModelFactory.inspectAggregate(Counter.class), null, null,
                NoSnapshotTriggerDefinition.TRIGGER);
        aggregate.initializeState(DomainEventStream.of(IntStream.range(0, events)
                .mapToObj(seq -> new GenericDomainEventMessage<>("Counter", id, seq, id)).toList()));
        store.put(id, events - 1L);
        return new AggregateCacheEntry<>(aggregate);
    }

    private double count(String result) {
        return meters.get("p3.aggregate.cache").tag("result", result).counter().count();
    }

    @Test
    void anEntryWhoseVersionIsTheStoresLastIsServed() {
        VerifiedAggregateCache cache = cache(10);
        AggregateCacheEntry<Counter> entry = loaded("a", 3);
        cache.put("a", entry);

        Object served = cache.get("a");

        assertThat(served).isSameAs(entry);
        assertThat(count("hit")).isEqualTo(1.0);
    }

    @Test
    void anEntryBehindTheStoreIsDroppedAndNotServed() {
        VerifiedAggregateCache cache = cache(10);
        cache.put("a", loaded("a", 3));
        store.put("a", 3L); // another node appended sequence number 3

        Object served = cache.get("a");

        assertThat(served).isNull();
        assertThat(cache.containsKey("a")).isFalse();
        assertThat(count("stale")).isEqualTo(1.0);
    }

    @Test
    void anEntryWhoseEventsAreGoneFromTheStoreIsNotServed() {
        VerifiedAggregateCache cache = cache(10);
        cache.put("a", loaded("a", 2));
        store.remove("a");

        assertThat((Object) cache.get("a")).isNull();
    }

    @Test
    void pastItsCapacityTheLeastRecentlyUsedEntryGoes() {
        VerifiedAggregateCache cache = cache(2);
        cache.put("a", loaded("a", 1));
        cache.put("b", loaded("b", 1));
        assertThat((Object) cache.get("a")).isNotNull(); // a is now more recently used than b

        cache.put("c", loaded("c", 1));

        assertThat(cache.containsKey("a")).isTrue();
        assertThat(cache.containsKey("b")).isFalse();
        assertThat(cache.containsKey("c")).isTrue();
        assertThat(cache.size()).isEqualTo(2);
    }

    @Test
    void aValueWithoutAVersionIsNeverHeld() {
        VerifiedAggregateCache cache = cache(10);
        cache.put("a", loaded("a", 2));

        cache.put("a", "not an aggregate entry");

        assertThat(cache.containsKey("a")).isFalse();
        assertThat(cache.putIfAbsent("b", "not an aggregate entry")).isFalse();
    }

    @Test
    void aMissIsCounted() {
        VerifiedAggregateCache cache = cache(10);

        assertThat((Object) cache.get("nobody")).isNull();

        assertThat(count("miss")).isEqualTo(1.0);
    }
}
