-- Guardian grants (docs/enterprise.md#guardian). Derived from events, never the source of truth: the GuardianGrant
-- aggregate decides every crossing. Written by the subscribing processor "auth-credentials" (GuardianGrantProjection)
-- in the transaction that records the event, so a revoke that returned 200 stops the next crossing on every node.
CREATE TABLE guardian_grant_view (
    grant_id           TEXT PRIMARY KEY,
    guardian_key_id    TEXT        NOT NULL,
    guardian_tenant_id TEXT        NOT NULL,
    target_tenant_ids  TEXT[]      NOT NULL,
    roles              TEXT[]      NOT NULL,
    expires_at         TIMESTAMPTZ NOT NULL,
    status             TEXT        NOT NULL,  -- ACTIVE | REVOKED | EXPIRED
    granted_at         TIMESTAMPTZ NOT NULL,
    granted_by         TEXT,
    ended_at           TIMESTAMPTZ,
    end_detail         TEXT,
    access_count       BIGINT      NOT NULL DEFAULT 0,
    last_access_at     TIMESTAMPTZ
);
CREATE INDEX guardian_grant_view_key ON guardian_grant_view (guardian_key_id);
CREATE INDEX guardian_grant_view_guardian_tenant ON guardian_grant_view (guardian_tenant_id);
CREATE INDEX guardian_grant_view_targets ON guardian_grant_view USING GIN (target_tenant_ids);
