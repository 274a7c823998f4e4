package io.p3protocol.kernel.tenancy;

import io.p3protocol.kernel.messaging.RetriedOnConflict;
import io.p3protocol.kernel.messaging.TenantScoped;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Place a tenant in a zone (provider and region). Only the platform admin may. */
public record PlaceTenantInZoneCommand(@TargetAggregateIdentifier String tenantId, Zone zone) implements TenantScoped, RetriedOnConflict {
}
