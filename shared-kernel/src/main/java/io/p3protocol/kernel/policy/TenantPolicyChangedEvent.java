package io.p3protocol.kernel.policy;

import io.p3protocol.kernel.messaging.TenantScoped;

import java.util.List;

/**
 * A tenant's policy changed. Carries the whole new policy (read models and reports need nothing else) and the names
 * of the values that changed. Who changed it is the event's {@code actor} metadata.
 */
public record TenantPolicyChangedEvent(String tenantId, TenantPolicy policy, List<String> changedFields)
        implements TenantScoped {
    public TenantPolicyChangedEvent {
        changedFields = changedFields == null ? List.of() : List.copyOf(changedFields);
    }
}
