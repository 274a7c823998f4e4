package io.p3protocol.kernel.tenancy;

import io.p3protocol.kernel.messaging.RetriedOnConflict;
import io.p3protocol.kernel.messaging.TenantScoped;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Suspend a tenant: its keys stop working until it is reactivated. */
public record SuspendTenantCommand(@TargetAggregateIdentifier String tenantId, String reason) implements TenantScoped, RetriedOnConflict {
}
