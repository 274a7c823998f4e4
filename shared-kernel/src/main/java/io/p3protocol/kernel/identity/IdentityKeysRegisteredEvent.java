package io.p3protocol.kernel.identity;

import io.p3protocol.kernel.messaging.TenantScoped;

/**
 * A wallet registered its public keys (standard base64; public keys are not secrets). {@code kyberEnabled} is true
 * exactly when a valid ML-KEM-1024 key is part of the registration.
 */
public record IdentityKeysRegisteredEvent(String identityId, String tenantId, String wallet, String x25519PublicKey,
                                          String mlKem1024PublicKey, boolean kyberEnabled) implements TenantScoped {
}
