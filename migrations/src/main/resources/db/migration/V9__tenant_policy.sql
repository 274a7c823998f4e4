-- Tenant policies (docs/enterprise.md). Derived from TenantPolicyChanged events; never the source of truth.

-- Written by the subscribing processor "auth-credentials" (TenantPolicyProjection), in the transaction that records
-- the policy change: the sandbox check on the command bus, the sandbox headers and the feature gate read it, so a
-- policy PUT that returned 200 is in force at once on every node. GraphQL reads it too. A tenant without a row has
-- the default policy.
CREATE TABLE tenant_policy (
    tenant_id        TEXT PRIMARY KEY,
    sandbox          BOOLEAN     NOT NULL,
    sandbox_chain    TEXT,
    rate_limit_rpm   INTEGER     NOT NULL,
    max_sessions     INTEGER     NOT NULL,
    allowed_features TEXT[]      NOT NULL, -- empty: every feature
    data_region      TEXT,
    retention_days   INTEGER,
    export_allowed   BOOLEAN     NOT NULL,
    updated_at       TIMESTAMPTZ NOT NULL,
    updated_by       TEXT
);
