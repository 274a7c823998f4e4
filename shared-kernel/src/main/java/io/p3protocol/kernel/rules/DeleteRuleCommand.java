package io.p3protocol.kernel.rules;

import io.p3protocol.kernel.messaging.TenantScoped;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record DeleteRuleCommand(@TargetAggregateIdentifier String ruleId, String tenantId) implements TenantScoped {
}
