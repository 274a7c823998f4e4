package io.p3protocol.projection.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.p3protocol.kernel.messaging.MetadataKeys;
import io.p3protocol.kernel.rules.RuleCreatedEvent;
import io.p3protocol.kernel.rules.RuleDeletedEvent;
import io.p3protocol.kernel.rules.RuleExecutionCompletedEvent;
import io.p3protocol.kernel.rules.RuleExecutionFailedEvent;
import io.p3protocol.kernel.rules.RuleStatusChangedEvent;
import io.p3protocol.kernel.rules.RuleTriggeredEvent;
import io.p3protocol.kernel.rules.RuleUpdatedEvent;
import io.p3protocol.projection.support.EventSavepoints;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.messaging.interceptors.MessageHandlerInterceptor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * Builds {@code rule_view} and {@code rule_triggers} (processor {@value #PROCESSING_GROUP}: streaming, one
 * segment so a rule's row exists before its executions are counted, replayable, dead-letter queue). Writes are
 * idempotent: a trigger row is inserted once, and a rule's execution count only rises when its row was inserted.
 */
@Component
@ProcessingGroup(RuleViewProjection.PROCESSING_GROUP)
public class RuleViewProjection {
    public static final String PROCESSING_GROUP = "rule-views";
    /**
     * The handled event's own global index, the stable order of rules and triggers. Not the tracking token's
     * position: events committed out of order fill gaps, and the token then stays at the highest index seen, so two
     * events would share a position.
     */
    private static final String OWN_GLOBAL_INDEX = "(SELECT globalindex FROM domainevententry WHERE eventidentifier = ?)";

    private final JdbcTemplate jdbc;
    private final ObjectMapper mapper;
    private final EventSavepoints savepoints;

    public RuleViewProjection(JdbcTemplate jdbc, ObjectMapper mapper, EventSavepoints savepoints) {
        this.jdbc = jdbc;
        this.mapper = mapper;
        this.savepoints = savepoints;
    }

    @MessageHandlerInterceptor(messageType = EventMessage.class)
    Object oneSavepointPerEvent(InterceptorChain chain) throws Exception {
        return savepoints.around(PROCESSING_GROUP, chain);
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM rule_triggers");
        jdbc.update("DELETE FROM rule_view");
    }

    @EventHandler
    void on(RuleCreatedEvent event, @Timestamp Instant at, @MetaDataValue(MetadataKeys.ACTOR) String actor,
            @MessageIdentifier String eventId) {
        jdbc.update("""
                INSERT INTO rule_view (rule_id, tenant_id, name, description, condition_json, action_json, priority,
                                       status, created_at, created_by, created_position, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, """ + OWN_GLOBAL_INDEX + """
                , ?) ON CONFLICT (rule_id) DO NOTHING""",
                event.ruleId(), event.tenantId(), event.name(), event.description(), json(event.condition()),
                json(event.action()), event.priority(), event.status().name(), ts(at), actor, eventId, ts(at));
    }

    @EventHandler
    void on(RuleUpdatedEvent event, @Timestamp Instant at) {
        jdbc.update("""
                UPDATE rule_view SET name = ?, description = ?, condition_json = ?, action_json = ?, priority = ?,
                       updated_at = ? WHERE rule_id = ?""",
                event.name(), event.description(), json(event.condition()), json(event.action()), event.priority(),
                ts(at), event.ruleId());
    }

    @EventHandler
    void on(RuleStatusChangedEvent event, @Timestamp Instant at) {
        jdbc.update("UPDATE rule_view SET status = ?, updated_at = ? WHERE rule_id = ?", event.status().name(),
                ts(at), event.ruleId());
    }

    @EventHandler
    void on(RuleDeletedEvent event) {
        jdbc.update("DELETE FROM rule_view WHERE rule_id = ?", event.ruleId());
    }

    @EventHandler
    void on(RuleTriggeredEvent event, @Timestamp Instant at, @MessageIdentifier String eventId) {
        String status = event.awaitsActions() ? "PENDING" : "RECORDED";
        int inserted = jdbc.update("""
                INSERT INTO rule_triggers (execution_id, tenant_id, rule_id, rule_name, event_id, event_type,
                                           aggregate_id, event_timestamp, mode, matched, error, status, results,
                                           attempts, evaluation_micros, duration_ms, triggered_at, completed_at,
                                           list_position)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, """ + OWN_GLOBAL_INDEX + """
                ) ON CONFLICT (execution_id) DO NOTHING""",
                event.executionId(), event.tenantId(), event.ruleId(), event.ruleName(), event.eventId(),
                event.eventType(), event.aggregateId(), ts(event.eventTimestamp()), event.mode().name(),
                event.matched(), event.error(), status,
                event.simulatedResults() == null ? null : json(event.simulatedResults()), event.evaluationMicros(),
                event.evaluationMicros() / 1000, ts(at), event.awaitsActions() ? null : ts(at), eventId);
        if (inserted == 1 && event.awaitsActions()) {
            jdbc.update("UPDATE rule_view SET execution_count = execution_count + 1, last_executed_at = ? "
                    + "WHERE rule_id = ?", ts(at), event.ruleId());
        }
    }

    @EventHandler
    void on(RuleExecutionCompletedEvent event, @Timestamp Instant at) {
        finish(event.executionId(), "COMPLETED", event.results(), event.attempt(), event.durationMillis(), at);
    }

    @EventHandler
    void on(RuleExecutionFailedEvent event, @Timestamp Instant at) {
        finish(event.executionId(), "FAILED", event.results(), event.attempt(), event.durationMillis(), null);
    }

    private void finish(String executionId, String status, JsonNode results, int attempt, long millis, Instant at) {
        jdbc.update("""
                UPDATE rule_triggers SET status = ?, results = ?, attempts = ?,
                       duration_ms = evaluation_micros / 1000 + ?, completed_at = ?
                WHERE execution_id = ? AND attempts < ?""",
                status, json(results), attempt, millis, ts(at), executionId, attempt);
    }

    private String json(JsonNode node) {
        try {
            return mapper.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }


    private static java.sql.Timestamp ts(Instant at) {
        return at == null ? null : java.sql.Timestamp.from(at);
    }
}
