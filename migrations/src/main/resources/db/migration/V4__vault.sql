-- Secret vault (docs/security.md). Two kinds of tables:
--   * key material (vault_master_key, vault_tenant_key, vault_tenant_key_wrap, vault_secret_key): NOT derived
--     from events and mutable on purpose. Erasing a row of vault_secret_key is what makes a retired version or a
--     destroyed secret undecryptable for good (crypto-shredding), while the append-only events keep their
--     ciphertext. Every key here is stored wrapped (AES-256-GCM) by the key above it; none is in clear.
--   * projections (vault_secret_current, secret_view): rebuilt from events; ciphertext and metadata only.

-- Master key generations. The key itself is never stored: it is derived from P3_MASTER_KEY (or the generated
-- P3_DATA_DIR/master.key) with PBKDF2-HMAC-SHA256 over kdf_salt. key_check is an AES-GCM box under the derived key,
-- so a node can tell which generation its passphrase opens (and refuses to start with a wrong one).
CREATE TABLE vault_master_key (
    generation     INT         PRIMARY KEY,
    kdf_salt       BYTEA       NOT NULL,
    kdf_iterations INT         NOT NULL CHECK (kdf_iterations >= 600000),
    key_check      BYTEA       NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    retired_at     TIMESTAMPTZ
);

-- One data key per tenant. Its wraps, one per live master generation: readers use the newest generation they
-- know, so a master-key rotation (which adds wraps) and its retirement (which deletes the old ones) never make a
-- tenant's secrets unavailable.
CREATE TABLE vault_tenant_key (
    tenant_id  TEXT        PRIMARY KEY,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE TABLE vault_tenant_key_wrap (
    tenant_id         TEXT        NOT NULL REFERENCES vault_tenant_key (tenant_id),
    master_generation INT         NOT NULL REFERENCES vault_master_key (generation),
    wrapped_key       BYTEA       NOT NULL,
    created_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, master_generation)
);

-- The key of each live secret version, wrapped by its tenant's data key. Rotation deletes the previous
-- version's row, destroy deletes all of a secret's rows.
CREATE TABLE vault_secret_key (
    tenant_id   TEXT        NOT NULL,
    name        TEXT        NOT NULL,
    version     INT         NOT NULL,
    wrapped_key BYTEA       NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, name, version)
);

-- Subscribing processor "vault-current" (same transaction as the append): each live secret's current version and
-- its sealed value, so in-process readers (SecretValues) check for a rotation with one primary-key read and every
-- node sees a rotation the moment it commits.
CREATE TABLE vault_secret_current (
    tenant_id    TEXT  NOT NULL,
    name         TEXT  NOT NULL,
    version      INT   NOT NULL,
    sealed_value BYTEA NOT NULL,
    PRIMARY KEY (tenant_id, name)
);

-- Streaming processor "vault-views": metadata for GraphQL and the expiry gauge. Never a value.
CREATE TABLE secret_view (
    tenant_id       TEXT        NOT NULL,
    name            TEXT        NOT NULL,
    managed         BOOLEAN     NOT NULL,
    version         INT         NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL, -- first store (or first store after a destroy)
    last_rotated_at TIMESTAMPTZ,
    rotation_count  INT         NOT NULL,
    expires_at      TIMESTAMPTZ NOT NULL,
    status          TEXT        NOT NULL, -- as recorded by events: ACTIVE, EXPIRING, EXPIRED, DESTROYED
    updated_at      TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant_id, name)
);
CREATE INDEX secret_view_expiry_idx ON secret_view (expires_at) WHERE status <> 'DESTROYED';
