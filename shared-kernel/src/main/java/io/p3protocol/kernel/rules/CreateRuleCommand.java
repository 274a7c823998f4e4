package io.p3protocol.kernel.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.p3protocol.kernel.messaging.TenantScoped;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Create a rule. {@code condition} and {@code action} (one action object or an ordered array) are rule JSON that
 * the surface has already validated with the original's validation.
 */
public record CreateRuleCommand(@TargetAggregateIdentifier String ruleId, String tenantId, String name,
                                String description, JsonNode condition, JsonNode action, int priority,
                                RuleStatus status) implements TenantScoped {
}
