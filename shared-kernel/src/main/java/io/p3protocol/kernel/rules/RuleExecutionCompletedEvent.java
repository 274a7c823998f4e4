package io.p3protocol.kernel.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.p3protocol.kernel.messaging.TenantScoped;

/** Every action of a live execution succeeded, on attempt {@code attempt} (1 = the first). */
public record RuleExecutionCompletedEvent(String executionId, String ruleId, String tenantId, JsonNode results,
                                          int attempt, long durationMillis) implements TenantScoped {
}
