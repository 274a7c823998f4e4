package io.p3protocol.app.messaging;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The JDBC event storage engine as Axon's Spring Boot auto-configuration builds it (same serializers, upcasters,
 * snapshot filter, connections, transactions and default schema), with seven differences. Defining the bean makes the
 * auto-configured one (conditional on its absence) step aside.
 * <ul>
 *     <li>The append statement, {@link BatchAppendStatement}, does not serialize the same metadata and format the
 *     same millisecond again for every event of a batch.</li>
 *     <li>Loading an aggregate stops at the first batch that is not full. Axon reads an aggregate's events in
 *     sequence-number ranges of {@link #BATCH_SIZE} and by default keeps reading until a range comes back empty: a
 *     second query on every load of an aggregate with fewer events than that after its snapshot (every tenant, on
 *     every key issue). In this store an aggregate's sequence numbers have no gaps: Axon assigns them consecutively,
 *     a unique index refuses duplicates and a trigger refuses updates and deletes of event rows. A range with fewer
 *     rows than its width is therefore the end of the stream.</li>
 *     <li>A token's gaps are read as one array parameter ({@link GapsAsArrayStatement}), not one placeholder per
 *     gap: one SQL text, so the driver prepares it once per connection and reads it in binary.</li>
 *     <li>A streamed event's stored timestamp is parsed once, by its fixed positions
 *     ({@link ParsedTimestampsEventStorageEngine}), instead of twice per reader with a general ISO-8601 parser.</li>
 *     <li>Metadata stored as the same bytes as the previous event's is not decoded again by the thread that decoded
 *     it ({@link RepeatedMetaDataSerializer}): a telemetry batch's thousand events share theirs.</li>
 *     <li>Pages of 1000 events instead of 100, for event streams as for aggregates: a processor catching up or
 *     replaying reads ten times fewer pages, each one query and one transaction, and a telemetry batch of 1000
 *     events is one page. Axon's check for gaps wider than a page stays on.</li>
 *     <li>Reads outside a transaction run without one of their own ({@link ReadsOutsideTransactions}); the
 *     producer's stream ends at a page that is not full ({@link ParsedTimestampsEventStorageEngine}).</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
public class EventStoreConfiguration {
    /** Rows per page read from the event store, and the width of each sequence-number range read for an aggregate. */
    static final int BATCH_SIZE = 1000;

    /**
     * Axon's embedded event store, as its auto-configuration builds it, with a larger cache of recent events
     * ({@link #cachedEventsFor}; Axon's is 10,000). Every streaming processor within that many events of the newest
     * one reads from this one cache, filled by one reader, and shares its decoded events; a processor further behind
     * reads the store on its own thread. At telemetry volume (20,000 events/s) Axon's 10,000 is half a second, so the
     * slowest processors (the audit sealer first) did their own reads on the very thread that limits the write path.
     * Only without Axon Server: with it, Axon Server's event store is used.
     */
    @Qualifier("eventStore")
    @Bean(name = "eventBus")
    @ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "false")
    public EmbeddedEventStore eventStore(EventStorageEngine storageEngine,
                                         org.axonframework.config.Configuration configuration,
                                         @Value("${p3.event-store.cached-events}") String cachedEvents) {
        return EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(configuration.getComponent(EventBusSpanFactory.class))
                .cachedEvents(cachedEventsFor(cachedEvents, Runtime.getRuntime().maxMemory()))
                .build();
    }

    /** Bytes of heap one cached event holds, measured: 100,000 cached telemetry events held about 270 MB. */
    static final long BYTES_PER_CACHED_EVENT = 2_700;

    /**
     * How many recent events the embedded event store keeps: {@code configured} when set
     * ({@code P3_EVENT_STORE_CACHED_EVENTS}), else as many as fit in a tenth of the heap, between Axon's 10,000 and
     * 100,000 (about 270 MB, reached from a 2.7 GB heap), so that a small heap is never filled by the cache.
     */
    static int cachedEventsFor(String configured, long maxHeapBytes) {
        if (configured != null && !configured.isBlank()) {
            return Integer.parseInt(configured.trim());
        }
        long fitting = maxHeapBytes / 10 / BYTES_PER_CACHED_EVENT;
        return (int) Math.max(10_000, Math.min(100_000, fitting));
    }

    @Bean
    public EventStorageEngine eventStorageEngine(Serializer defaultSerializer,
                                                 @Qualifier("eventSerializer") Serializer eventSerializer,
                                                 org.axonframework.config.Configuration configuration,
                                                 ConnectionProvider connectionProvider,
                                                 TransactionManager transactionManager) {
        return ParsedTimestampsEventStorageEngine.of(JdbcEventStorageEngine.builder()
                .snapshotSerializer(defaultSerializer)
                .upcasterChain(configuration.upcasterChain())
                // Axon's default never recognizes PostgreSQL's unique violations: a collision would answer 500, not 409
                .persistenceExceptionResolver(new UniqueViolations())
                .eventSerializer(new RepeatedMetaDataSerializer(eventSerializer))
                .snapshotFilter(configuration.snapshotFilter())
                .connectionProvider(connectionProvider)
                .transactionManager(new ReadsOutsideTransactions(transactionManager))
                .schema(new EventSchema())
                .appendEvents(new BatchAppendStatement())
                .readEventDataWithGaps(new GapsAsArrayStatement())
                .batchSize(BATCH_SIZE)
                .finalAggregateBatchPredicate(batch -> batch.size() < BATCH_SIZE));
    }
}
