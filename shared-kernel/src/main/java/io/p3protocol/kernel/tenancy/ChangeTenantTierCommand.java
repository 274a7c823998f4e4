package io.p3protocol.kernel.tenancy;

import io.p3protocol.kernel.messaging.RetriedOnConflict;
import io.p3protocol.kernel.messaging.TenantScoped;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Put a tenant on a subscription tier. Only the platform admin may. */
public record ChangeTenantTierCommand(@TargetAggregateIdentifier String tenantId, Tier tier) implements TenantScoped, RetriedOnConflict {
}
