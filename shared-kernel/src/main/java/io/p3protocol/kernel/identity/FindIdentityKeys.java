package io.p3protocol.kernel.identity;

/** The identity keys of {@code wallet} in {@code tenantId}, as the read model has them (answer: Optional). */
public record FindIdentityKeys(String tenantId, WalletAddress wallet) {
}
