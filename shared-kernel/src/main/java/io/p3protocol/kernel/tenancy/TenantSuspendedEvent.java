package io.p3protocol.kernel.tenancy;

import io.p3protocol.kernel.messaging.TenantScoped;

/** A tenant was suspended. */
public record TenantSuspendedEvent(String tenantId, String reason) implements TenantScoped {
}
