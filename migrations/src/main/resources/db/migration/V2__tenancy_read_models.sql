-- Read models of tenants and API keys. Rebuilt from events on replay; never the source of truth.

-- Streaming processor "tenancy-views": what GraphQL and the reports compare against.
CREATE TABLE tenant_view (
    tenant_id     TEXT PRIMARY KEY,
    name          TEXT        NOT NULL,
    status        TEXT        NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL,
    created_by    TEXT,
    updated_at    TIMESTAMPTZ NOT NULL,
    list_position BIGINT      NOT NULL -- global index of the creation event: the stable order cursors follow.
    -- Read from the event's own row, not the tracking token: a gap-filling event carries the token's highest index.
);
CREATE UNIQUE INDEX tenant_view_list_position_uq ON tenant_view (list_position);

CREATE TABLE api_key_view (
    key_id        TEXT PRIMARY KEY,
    tenant_id     TEXT        NOT NULL,
    roles         TEXT[]      NOT NULL,
    status        TEXT        NOT NULL,
    expires_at    TIMESTAMPTZ,
    quota_monthly BIGINT      NOT NULL,
    issued_at     TIMESTAMPTZ NOT NULL,
    issued_by     TEXT,
    revoked_at    TIMESTAMPTZ,
    revoked_by    TEXT,
    revoke_reason TEXT,
    expired_at    TIMESTAMPTZ,
    list_position BIGINT      NOT NULL
);
CREATE UNIQUE INDEX api_key_view_list_position_uq ON api_key_view (list_position);
CREATE INDEX api_key_view_tenant_idx ON api_key_view (tenant_id, list_position);

-- Subscribing processor "auth-credentials": updated in the same transaction as the event append, so a key
-- works the moment its issue returns 201 and stops working the moment its revoke returns 200.
CREATE TABLE auth_api_key (
    key_hash   CHAR(64) PRIMARY KEY, -- hex SHA-256 of the presented key; the key itself is never stored
    key_id     TEXT UNIQUE NOT NULL,
    tenant_id  TEXT        NOT NULL,
    roles      TEXT[]      NOT NULL,
    status     TEXT        NOT NULL,
    expires_at TIMESTAMPTZ
);

CREATE TABLE auth_tenant (
    tenant_id TEXT PRIMARY KEY,
    status    TEXT NOT NULL
);
