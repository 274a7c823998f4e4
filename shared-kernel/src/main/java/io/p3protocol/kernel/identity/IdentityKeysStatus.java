package io.p3protocol.kernel.identity;

/** ACTIVE keys may be encapsulated to; REVOKED ones may not (until the wallet registers new keys). */
public enum IdentityKeysStatus {
    ACTIVE, REVOKED
}
