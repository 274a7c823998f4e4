package io.p3protocol.kernel.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.p3protocol.kernel.messaging.TenantScoped;

/** The rule's whole definition after the change (status aside), so a reader never has to merge partial updates. */
public record RuleUpdatedEvent(String ruleId, String tenantId, String name, String description, JsonNode condition,
                               JsonNode action, int priority) implements TenantScoped {
}
