package io.p3protocol.kernel.vault;

import java.time.Instant;

/** A secret's metadata, as the read model holds it. Never a value. */
public record SecretSummary(String tenantId, String name, boolean managed, int version, Instant createdAt,
                            Instant lastRotatedAt, int rotationCount, Instant expiresAt, SecretStatus status) {
}
