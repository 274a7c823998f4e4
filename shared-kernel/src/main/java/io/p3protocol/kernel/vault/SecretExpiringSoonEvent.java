package io.p3protocol.kernel.vault;

import io.p3protocol.kernel.messaging.TenantScoped;

import java.time.Instant;

/** Seven days before {@code expiresAt}, {@code version} had not been rotated (the warning deadline fired). */
public record SecretExpiringSoonEvent(String tenantId, String name, int version, Instant expiresAt)
        implements TenantScoped {
}
