package io.p3protocol.kernel.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.p3protocol.kernel.messaging.TenantScoped;

/**
 * At least one action of a live execution failed on attempt {@code attempt}; the execution waits in the
 * rule-actions dead-letter queue for a retry.
 */
public record RuleExecutionFailedEvent(String executionId, String ruleId, String tenantId, JsonNode results,
                                       int attempt, long durationMillis) implements TenantScoped {
}
