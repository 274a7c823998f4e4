package io.p3protocol.kernel.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.p3protocol.kernel.messaging.TenantScoped;

import java.time.Instant;

/**
 * A rule matched an event (or its condition threw). For a LIVE match the actions are still to run
 * ({@link #awaitsActions()}); TESTING matches carry their simulated results and are complete.
 */
public record RuleTriggeredEvent(String executionId, String ruleId, String tenantId, String ruleName, String eventId,
                                 String eventType, String aggregateId, Instant eventTimestamp, ExecutionMode mode,
                                 boolean matched, String error, JsonNode action, JsonNode event,
                                 JsonNode simulatedResults, long evaluationMicros) implements TenantScoped {

    /** True when this execution's actions must really run: a live match without an error. */
    public boolean awaitsActions() {
        return mode == ExecutionMode.LIVE && matched && error == null;
    }
}
