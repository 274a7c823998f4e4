package io.p3protocol.kernel.identity;

import io.p3protocol.kernel.messaging.TenantScoped;

/** A wallet replaced its active keys; the previous keys are no longer used for encapsulation. */
public record IdentityKeysRotatedEvent(String identityId, String tenantId, String wallet, String x25519PublicKey,
                                       String mlKem1024PublicKey, boolean kyberEnabled) implements TenantScoped {
}
