package io.p3protocol.app.messaging;

import com.fasterxml.jackson.databind.Module;
import io.micrometer.core.instrument.MeterRegistry;
import io.p3protocol.command.rules.engine.RuleTriggerEventFilter;
import io.p3protocol.kernel.messaging.EventSources;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.springboot.EventProcessorProperties;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Clock;
import java.util.List;
import java.util.Map;

@Configuration(proxyBeanMethods = false)
public class AxonConfiguration {

    /** One clock for handlers and authentication; tests replace it to move time. */
    @Bean
    public Clock clock() {
        return Clock.systemUTC();
    }

    /** Tenants grow with their keys: snapshot every {@code P3_SNAPSHOT_THRESHOLD} events (50 by default). */
    @Bean
    public SnapshotTriggerDefinition tenantSnapshotTrigger(Snapshotter snapshotter,
                                                           @Value("${p3.snapshot-threshold}") int threshold) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, threshold);
    }

    /**
     * Tenants stay loaded between commands, checked against the store before each use ({@link VerifiedAggregateCache}):
     * issuing a key otherwise read the tenant's snapshot and up to {@code P3_SNAPSHOT_THRESHOLD} events after it.
     */
    @Bean
    public VerifiedAggregateCache tenantCache(JdbcTemplate jdbc, MeterRegistry meters,
                                              @Value("${p3.aggregate-cache.tenants}") int capacity) {
        // One index lookup (the store's unique key on aggregate and sequence number), in the command's transaction.
        return new VerifiedAggregateCache("Tenant", capacity, aggregateIdentifier -> jdbc.queryForObject(
                "SELECT max(sequencenumber) FROM domainevententry WHERE aggregateidentifier = ?", Long.class,
                aggregateIdentifier), meters);
    }

    /**
     * Instants as Jackson writes them are read by fixed positions ({@link UtcInstantDeserializer}); Spring Boot adds
     * this to the application's {@code ObjectMapper}, which Axon's serializer uses for every payload.
     */
    @Bean
    public Module utcInstants() {
        return UtcInstantDeserializer.module();
    }

    /** The source of every subscribing processor: the event bus without the events none of them handles. */
    @Bean(EventSources.SUBSCRIBER_EVENTS)
    public SubscriberEvents subscriberEvents(EventBus eventBus, ObjectProvider<EventProcessingConfiguration> processing) {
        return new SubscriberEvents(eventBus, processing::getObject);
    }

    /**
     * The source of the streaming processors that name it in {@code axon.eventhandling.processors.<name>.source}:
     * the event store without the events none of them handles (one per run still passes, to move their tokens).
     */
    @Bean(EventSources.STREAMED_EVENTS)
    public StreamedEvents streamedEvents(EventStore eventStore, ObjectProvider<EventProcessingConfiguration> processing,
                                         EventProcessorProperties processors) {
        List<String> attached = processors.getProcessors().entrySet().stream()
                .filter(processor -> EventSources.STREAMED_EVENTS.equals(processor.getValue().getSource()))
                .map(Map.Entry::getKey).toList();
        return new StreamedEvents(eventStore, processing::getObject, attached);
    }

    /** The source of the rule-triggers processor: the event store without the events of tenants that have no rules. */
    @Bean(EventSources.RULE_TRIGGER_EVENTS)
    public StreamedEvents ruleTriggerEvents(EventStore eventStore, RuleTriggerEventFilter filter) {
        return new StreamedEvents(eventStore, filter::forNewStream);
    }
}
