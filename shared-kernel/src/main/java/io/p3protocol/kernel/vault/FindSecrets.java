package io.p3protocol.kernel.vault;

/**
 * Secrets' metadata. {@code tenantId} null means every tenant (platform admin only). With
 * {@code expiringWithinDays} set, only live secrets whose expiry is at most that many days away (expired included).
 */
public record FindSecrets(String tenantId, String name, Integer expiringWithinDays) {
}
