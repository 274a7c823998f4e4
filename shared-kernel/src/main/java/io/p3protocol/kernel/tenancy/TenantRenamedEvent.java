package io.p3protocol.kernel.tenancy;

import io.p3protocol.kernel.messaging.TenantScoped;

/** A tenant's display name changed. */
public record TenantRenamedEvent(String tenantId, String previousName, String name) implements TenantScoped {
}
