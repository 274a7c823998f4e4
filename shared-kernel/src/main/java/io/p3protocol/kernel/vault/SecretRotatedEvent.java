package io.p3protocol.kernel.vault;

import io.p3protocol.kernel.messaging.TenantScoped;

import java.time.Instant;

/**
 * A secret's new version; every earlier version is retired and its key erased. {@code sealedValue} as in
 * {@link SecretStoredEvent}; {@code rotationCount} counts rotations since the secret was (last) stored.
 */
public record SecretRotatedEvent(String tenantId, String name, int version, byte[] sealedValue, boolean generated,
                                 int rotationCount, Instant expiresAt) implements TenantScoped {
    @Override
    public String toString() {
        return "SecretRotatedEvent[tenantId=" + tenantId + ", name=" + name + ", version=" + version
                + ", sealedValue=<" + sealedValue.length + " bytes>, generated=" + generated + ", rotationCount="
                + rotationCount + ", expiresAt=" + expiresAt + "]";
    }
}
