package io.p3protocol.kernel.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.p3protocol.kernel.messaging.TenantScoped;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Change a rule's definition. A null field keeps the current value (PATCH); PUT sends every field. The status has
 * its own command. Condition and action are validated by the surface before this is sent.
 */
public record UpdateRuleCommand(@TargetAggregateIdentifier String ruleId, String tenantId, String name,
                                String description, JsonNode condition, JsonNode action, Integer priority)
        implements TenantScoped {
}
