package io.p3protocol.kernel.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.p3protocol.kernel.messaging.TenantScoped;

public record RuleCreatedEvent(String ruleId, String tenantId, String name, String description, JsonNode condition,
                               JsonNode action, int priority, RuleStatus status) implements TenantScoped {
}
