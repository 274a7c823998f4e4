package io.p3protocol.kernel.rules;

import io.p3protocol.kernel.messaging.TenantScoped;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record ChangeRuleStatusCommand(@TargetAggregateIdentifier String ruleId, String tenantId, RuleStatus status)
        implements TenantScoped {
}
