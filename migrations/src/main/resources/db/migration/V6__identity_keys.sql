-- Read model of the wallets' public identity keys (IdentityKeys aggregate). Derived from events, never the source of
-- truth. Maintained by the subscribing processor "identity-keys", in the same transaction as the event append: an
-- encapsulation right after a registration or rotation already uses the new keys, and never a revoked key.
-- Public keys only (standard base64): no secret key of a wallet ever reaches the server.
CREATE TABLE identity_keys_view (
    identity_id           TEXT PRIMARY KEY,   -- <tenantId>/<wallet>
    tenant_id             TEXT        NOT NULL,
    wallet                TEXT        NOT NULL, -- 0x + 40 lower-case hex digits
    x25519_public_key     TEXT        NOT NULL, -- 32 bytes
    ml_kem_1024_public_key TEXT,              -- 1568 bytes, or null when the wallet is not kyber-enabled
    kyber_enabled         BOOLEAN     NOT NULL,
    status                TEXT        NOT NULL, -- ACTIVE | REVOKED
    registered_at         TIMESTAMPTZ NOT NULL,
    rotated_at            TIMESTAMPTZ,
    revoked_at            TIMESTAMPTZ,
    rotation_count        INTEGER     NOT NULL DEFAULT 0,
    updated_by            TEXT,
    CONSTRAINT identity_keys_view_tenant_wallet_uq UNIQUE (tenant_id, wallet),
    CONSTRAINT identity_keys_view_kyber_ck CHECK (kyber_enabled = (ml_kem_1024_public_key IS NOT NULL))
);
