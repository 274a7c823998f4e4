package io.p3protocol.kernel.identity;

import java.time.Instant;

/**
 * A wallet's identity keys as the read model {@code identity_keys_view} holds them. Public keys in standard base64.
 *
 * @param rotatedAt     the last rotation, or null if never rotated since registration
 * @param rotationCount rotations since the last registration
 */
public record IdentityKeysSummary(String tenantId, String wallet, String x25519PublicKey, String mlKem1024PublicKey,
                                  boolean kyberEnabled, IdentityKeysStatus status, Instant registeredAt,
                                  Instant rotatedAt, Instant revokedAt, int rotationCount) {
}
