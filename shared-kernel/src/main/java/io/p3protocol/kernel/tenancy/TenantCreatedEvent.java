package io.p3protocol.kernel.tenancy;

import io.p3protocol.kernel.messaging.TenantScoped;

/** A tenant now exists. */
public record TenantCreatedEvent(String tenantId, String name) implements TenantScoped {
}
