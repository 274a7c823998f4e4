package io.p3protocol.app.messaging;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Axon's JDBC storage engine as its Spring Boot auto-configuration builds it, with one difference: loading an
 * aggregate stops at the first batch that is not full.
 * <p>
 * The JDBC engine reads an aggregate's events in sequence-number ranges of {@code batchSize} and by default keeps
 * reading until a range comes back empty, which costs a second query on every load of an aggregate with fewer than
 * {@code batchSize} events after its snapshot (every tenant, on every key issue). In this store an aggregate's
 * sequence numbers have no gaps: Axon assigns them consecutively, a unique index refuses duplicates and a trigger
 * refuses updates and deletes of event rows. A range with fewer rows than its width is therefore the end of the stream.
 */
@Configuration(proxyBeanMethods = false)
public class EventStorageConfiguration {
    /** Axon's default batch size: the width of each range read for an aggregate, and of each page read by streams. */
    static final int BATCH_SIZE = 100;

    @Bean
    public EventStorageEngine eventStorageEngine(Serializer defaultSerializer,
                                                 PersistenceExceptionResolver persistenceExceptionResolver,
                                                 @Qualifier("eventSerializer") Serializer eventSerializer,
                                                 org.axonframework.config.Configuration configuration,
                                                 ConnectionProvider connectionProvider,
                                                 TransactionManager transactionManager) {
        return JdbcEventStorageEngine.builder()
                .snapshotSerializer(defaultSerializer)
                .upcasterChain(configuration.upcasterChain())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .eventSerializer(eventSerializer)
                .snapshotFilter(configuration.snapshotFilter())
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .schema(new EventSchema())
                .batchSize(BATCH_SIZE)
                .finalAggregateBatchPredicate(batch -> batch.size() < BATCH_SIZE)
                .build();
    }
}
