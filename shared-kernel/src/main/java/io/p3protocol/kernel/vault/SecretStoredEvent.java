package io.p3protocol.kernel.vault;

import io.p3protocol.kernel.messaging.TenantScoped;

import java.time.Instant;

/**
 * A secret's first version (or the first after a destroy). {@code sealedValue} is the value encrypted with
 * AES-256-GCM under this version's own key, bound to tenant, name and version (IV ‖ ciphertext ‖ tag); the key
 * lives outside the event store (see docs/security.md). {@code generated} says the vault made the value up.
 */
public record SecretStoredEvent(String tenantId, String name, int version, byte[] sealedValue, boolean generated,
                                Instant expiresAt) implements TenantScoped {
    @Override
    public String toString() {
        return "SecretStoredEvent[tenantId=" + tenantId + ", name=" + name + ", version=" + version
                + ", sealedValue=<" + sealedValue.length + " bytes>, generated=" + generated + ", expiresAt="
                + expiresAt + "]";
    }
}
