package io.p3protocol.kernel.tenancy;

import io.p3protocol.kernel.messaging.TenantScoped;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Create a tenant. Only the platform admin may. */
public record CreateTenantCommand(@TargetAggregateIdentifier String tenantId, String name) implements TenantScoped {
}
