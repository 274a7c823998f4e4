package io.p3protocol.kernel.identity;

import io.p3protocol.kernel.crypto.MlKem1024PublicKey;
import io.p3protocol.kernel.crypto.X25519PublicKey;
import io.p3protocol.kernel.messaging.TenantScoped;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Replace a wallet's active keys with a new set. Leaving out the ML-KEM key turns kyberEnabled off. */
public record RotateIdentityKeysCommand(@TargetAggregateIdentifier String identityId, String tenantId,
                                        WalletAddress wallet, X25519PublicKey x25519PublicKey,
                                        MlKem1024PublicKey mlKem1024PublicKey) implements TenantScoped {
}
