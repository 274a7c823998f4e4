package io.p3protocol.kernel.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.p3protocol.kernel.messaging.TenantScoped;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Record that a rule's condition matched an event (or threw: then {@code matched} is false and {@code error} holds
 * the original's message). Sent once per (rule, event) by the trigger processor; a second one for the same
 * {@code executionId} is ignored.
 *
 * @param action           the rule's action as it was when it matched
 * @param event            the event as the condition saw it (payload plus eventType, tenantId, aggregateId,
 *                         timestamp): actions use it as their default payload
 * @param simulatedResults for TESTING: what each action would have done (the dry-run results); null for LIVE
 * @param evaluationMicros how long the condition took
 */
public record TriggerRuleCommand(@TargetAggregateIdentifier String executionId, String ruleId, String tenantId,
                                 String ruleName, String eventId, String eventType, String aggregateId,
                                 Instant eventTimestamp, ExecutionMode mode, boolean matched, String error,
                                 JsonNode action, JsonNode event, JsonNode simulatedResults, long evaluationMicros)
        implements TenantScoped {
}
