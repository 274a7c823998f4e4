package io.p3protocol.kernel.tenancy;

import io.p3protocol.kernel.messaging.TenantScoped;

/** A suspended tenant is active again. */
public record TenantReactivatedEvent(String tenantId) implements TenantScoped {
}
