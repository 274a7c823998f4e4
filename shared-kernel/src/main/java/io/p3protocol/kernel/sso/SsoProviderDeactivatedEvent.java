package io.p3protocol.kernel.sso;

import io.p3protocol.kernel.messaging.TenantScoped;

public record SsoProviderDeactivatedEvent(String providerId, String tenantId) implements TenantScoped {
}
