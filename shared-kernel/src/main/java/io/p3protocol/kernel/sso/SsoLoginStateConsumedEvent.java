package io.p3protocol.kernel.sso;

import io.p3protocol.kernel.messaging.TenantScoped;

public record SsoLoginStateConsumedEvent(String loginId, String providerId, String tenantId) implements TenantScoped {
}
