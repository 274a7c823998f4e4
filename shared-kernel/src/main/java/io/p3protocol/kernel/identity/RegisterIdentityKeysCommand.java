package io.p3protocol.kernel.identity;

import io.p3protocol.kernel.crypto.MlKem1024PublicKey;
import io.p3protocol.kernel.crypto.X25519PublicKey;
import io.p3protocol.kernel.messaging.TenantScoped;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Register a wallet's public keys. The keys are already validated value types, so an invalid key can never reach
 * the aggregate. {@code mlKem1024PublicKey} is optional: without it the wallet is not kyber-enabled.
 */
public record RegisterIdentityKeysCommand(@TargetAggregateIdentifier String identityId, String tenantId,
                                          WalletAddress wallet, X25519PublicKey x25519PublicKey,
                                          MlKem1024PublicKey mlKem1024PublicKey) implements TenantScoped {
}
