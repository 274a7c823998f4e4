package io.p3protocol.kernel.tenancy;

import io.p3protocol.kernel.messaging.RetriedOnConflict;
import io.p3protocol.kernel.messaging.TenantScoped;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Give a tenant a new display name. */
public record RenameTenantCommand(@TargetAggregateIdentifier String tenantId, String name) implements TenantScoped, RetriedOnConflict {
}
