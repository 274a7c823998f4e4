package io.p3protocol.kernel.rules;

import io.p3protocol.kernel.messaging.TenantScoped;

public record RuleStatusChangedEvent(String ruleId, String tenantId, RuleStatus status) implements TenantScoped {
}
