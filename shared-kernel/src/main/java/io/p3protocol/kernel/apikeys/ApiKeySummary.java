package io.p3protocol.kernel.apikeys;

import io.p3protocol.kernel.security.Role;

import java.time.Instant;
import java.util.List;

/**
 * An API key as the read model {@code api_key_view} holds it. There is no key material here, nor its hash: only
 * what a key's owner may see about it.
 *
 * @param roles        strongest first
 * @param listPosition the global index of the key's issue event: the stable order of key lists
 */
public record ApiKeySummary(String keyId, String tenantId, List<Role> roles, ApiKeyStatus status, Instant expiresAt,
                            long quotaMonthly, Instant issuedAt, String issuedBy, Instant revokedAt, String revokedBy,
                            String revokeReason, Instant expiredAt, long listPosition) {
    public ApiKeySummary {
        roles = List.copyOf(roles);
    }
}
