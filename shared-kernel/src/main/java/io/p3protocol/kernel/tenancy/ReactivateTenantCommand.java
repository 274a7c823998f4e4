package io.p3protocol.kernel.tenancy;

import io.p3protocol.kernel.messaging.RetriedOnConflict;
import io.p3protocol.kernel.messaging.TenantScoped;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Lift a suspension. */
public record ReactivateTenantCommand(@TargetAggregateIdentifier String tenantId) implements TenantScoped, RetriedOnConflict {
}
