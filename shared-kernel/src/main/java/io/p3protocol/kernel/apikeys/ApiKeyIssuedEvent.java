package io.p3protocol.kernel.apikeys;

import io.p3protocol.kernel.messaging.TenantScoped;
import io.p3protocol.kernel.security.Role;

import java.time.Instant;
import java.util.Set;

/** A key was issued. Carries the key's SHA-256, never the key. */
public record ApiKeyIssuedEvent(String keyId, String tenantId, Set<Role> roles, String keyHash, Instant expiresAt, long quotaMonthly) implements TenantScoped {
}
