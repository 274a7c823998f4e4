-- Enterprise SSO (docs/enterprise.md#sso). The first two tables are derived from events, never the source of truth.
-- Written by the subscribing processor "auth-credentials" (SsoProjection), in the transaction that records the
-- event, so a provider registered or deactivated is seen by the login flow on every node at once.

CREATE TABLE sso_provider_view (
    provider_id        TEXT PRIMARY KEY,
    tenant_id          TEXT        NOT NULL,
    type               TEXT        NOT NULL,
    issuer             TEXT        NOT NULL,
    client_id          TEXT        NOT NULL,
    client_secret_name TEXT,                  -- the vault secret's name; the value is only in the vault
    redirect_uri       TEXT        NOT NULL,
    scopes             TEXT[]      NOT NULL,
    role_mapping       TEXT        NOT NULL,  -- JSON {"default":["viewer"], "<scope or claim value>":[roles]}
    active             BOOLEAN     NOT NULL,
    created_at         TIMESTAMPTZ NOT NULL,
    created_by         TEXT
);
CREATE INDEX sso_provider_view_tenant ON sso_provider_view (tenant_id);

CREATE TABLE sso_identity_view (
    identity_id    TEXT PRIMARY KEY,
    tenant_id      TEXT        NOT NULL,
    provider_id    TEXT        NOT NULL,
    subject        TEXT        NOT NULL,
    wallet         TEXT,
    roles          TEXT[]      NOT NULL,
    linked         BOOLEAN     NOT NULL,
    first_linked_at TIMESTAMPTZ NOT NULL,
    last_login_at  TIMESTAMPTZ NOT NULL,
    unlinked_at    TIMESTAMPTZ,
    UNIQUE (tenant_id, provider_id, subject)
);
CREATE INDEX sso_identity_view_tenant ON sso_identity_view (tenant_id);

-- The PKCE code verifier of a started login, keyed by the login id (SHA-256 of the state). A short-lived secret:
-- kept out of the event store on purpose, deleted when the state is presented (whatever the outcome).
CREATE TABLE sso_login_verifier (
    login_id      TEXT PRIMARY KEY,
    code_verifier TEXT        NOT NULL,
    expires_at    TIMESTAMPTZ NOT NULL
);
