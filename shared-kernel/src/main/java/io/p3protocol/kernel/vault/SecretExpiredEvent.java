package io.p3protocol.kernel.vault;

import io.p3protocol.kernel.messaging.TenantScoped;

import java.time.Instant;

/** {@code version} reached {@code expiresAt} without rotation: it can no longer be revealed until rotated. */
public record SecretExpiredEvent(String tenantId, String name, int version, Instant expiresAt)
        implements TenantScoped {
}
