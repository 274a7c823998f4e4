package io.p3protocol.kernel.sso;

import io.p3protocol.kernel.messaging.TenantScoped;

public record SsoProviderRegisteredEvent(String providerId, String tenantId, SsoProviderSettings settings)
        implements TenantScoped {
}
