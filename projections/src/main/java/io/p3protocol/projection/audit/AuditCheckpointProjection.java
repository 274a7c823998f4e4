package io.p3protocol.projection.audit;

import io.p3protocol.kernel.audit.AuditCheckpointCutEvent;
import io.p3protocol.kernel.messaging.EventSources;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.SubscribableMessageSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;

/**
 * audit_checkpoint (V11): one row per checkpoint, written in the transaction of the append (subscribing processor
 * {@value #PROCESSING_GROUP}), so the checkpointer sees checkpoint n before it cuts n + 1. Idempotent: a checkpoint
 * already present is left alone.
 */
@Component
@ProcessingGroup(AuditCheckpointProjection.PROCESSING_GROUP)
public class AuditCheckpointProjection {
    public static final String PROCESSING_GROUP = "audit-checkpoint-views";

    private final JdbcTemplate jdbc;

    public AuditCheckpointProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(AuditCheckpointCutEvent event, @Timestamp Instant at) {
        jdbc.update("""
                INSERT INTO audit_checkpoint (number, checkpoint_id, previous_tree_size, tree_size, first_seq, last_seq,
                    root, anchoring_requested, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (number) DO NOTHING""",
                event.number(), event.checkpointId(), event.previousTreeSize(), event.treeSize(), event.firstSeq(),
                event.lastSeq(), event.root(), event.anchoringRequested(), java.sql.Timestamp.from(at));
    }

    /** Subscribing, registered here so the processor's setting lives with its projection. */
    @Configuration(proxyBeanMethods = false)
    static class SubscribingProcessor {
        @Bean
        ConfigurerModule auditCheckpointViewsSubscribingProcessor(
                @Qualifier(EventSources.SUBSCRIBER_EVENTS) ObjectProvider<SubscribableMessageSource<EventMessage<?>>> events) {
            return configurer -> configurer.eventProcessing(processing ->
                    processing.registerSubscribingEventProcessor(PROCESSING_GROUP, c -> events.getObject()));
        }
    }
}
