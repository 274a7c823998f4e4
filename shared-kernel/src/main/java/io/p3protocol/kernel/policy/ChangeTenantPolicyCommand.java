package io.p3protocol.kernel.policy;

import io.p3protocol.kernel.messaging.RetriedOnConflict;
import io.p3protocol.kernel.messaging.TenantScoped;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Replace a tenant's whole policy. Only the platform admin may. */
public record ChangeTenantPolicyCommand(@TargetAggregateIdentifier String tenantId, TenantPolicy policy)
        implements TenantScoped, RetriedOnConflict {
}
