package io.p3protocol.kernel.tenancy;

import io.p3protocol.kernel.messaging.TenantScoped;

/** The tenant was placed in {@code zone} ({@code previousZone} null: it had none). The actor is in the metadata. */
public record TenantZoneChangedEvent(String tenantId, Zone zone, Zone previousZone) implements TenantScoped {
}
