package io.p3protocol.kernel.sso;

import io.p3protocol.kernel.messaging.TenantScoped;

import java.time.Instant;

public record SsoLoginStartedEvent(String loginId, String providerId, String tenantId, String nonceHash,
                                   Instant expiresAt) implements TenantScoped {
}
