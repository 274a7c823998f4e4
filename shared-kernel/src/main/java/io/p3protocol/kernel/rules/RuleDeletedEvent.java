package io.p3protocol.kernel.rules;

import io.p3protocol.kernel.messaging.TenantScoped;

public record RuleDeletedEvent(String ruleId, String tenantId) implements TenantScoped {
}
