package io.p3protocol.kernel.guardian;

import java.time.Instant;
import java.util.List;

/**
 * A guardian grant as a tenant may see it. A target tenant sees only itself in {@code tenantIds}.
 *
 * @param status {@code active}, {@code revoked} or {@code expired} ({@code expired} as soon as the instant passes,
 *               even before the expiry deadline has recorded it)
 */
public record GuardianGrantSummary(String grantId, String guardianKeyId, String guardianTenantId,
                                   List<String> tenantIds, List<String> roles, Instant expiresAt, String status,
                                   Instant grantedAt, String grantedBy, Instant endedAt, long accessCount,
                                   Instant lastAccessAt) {
}
