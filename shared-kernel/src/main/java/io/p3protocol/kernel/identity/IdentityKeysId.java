package io.p3protocol.kernel.identity;

/**
 * The aggregate identifier of a wallet's identity keys: {@code <tenantId>/<wallet>}. The tenant is part of the
 * identity, so the same wallet in two tenants is two independent aggregates, and a tenant can only ever name its
 * own (the tenant comes from the caller's key).
 */
public final class IdentityKeysId {
    private IdentityKeysId() {
    }

    public static String of(String tenantId, WalletAddress wallet) {
        return tenantId + "/" + wallet.value();
    }
}
