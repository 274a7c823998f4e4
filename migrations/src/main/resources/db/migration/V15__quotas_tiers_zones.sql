-- Quotas, tiers and zones (docs/enterprise.md#quotas-and-usage, #tiers, #zones).

-- Read models of the subscribing processor "auth-credentials" (written in the transaction that records the event, so
-- a tier or zone change and a new key's quota are in force on every node when the command returns).

-- A tenant's tier (TenantTierChangedEvent). No row: the tenant has no tier.
CREATE TABLE tenant_tier (
    tenant_id  TEXT PRIMARY KEY,
    tier       TEXT        NOT NULL, -- free, starter, pro, enterprise
    updated_at TIMESTAMPTZ NOT NULL,
    updated_by TEXT
);

-- A tenant's zone (TenantZoneChangedEvent). No row: the tenant is not placed.
CREATE TABLE tenant_zone (
    tenant_id TEXT PRIMARY KEY,
    provider  TEXT        NOT NULL,
    region    TEXT        NOT NULL,
    placed_at TIMESTAMPTZ NOT NULL,
    placed_by TEXT
);
CREATE INDEX tenant_zone_provider_region ON tenant_zone (provider, region);

-- Each key's monthly quota (ApiKeyIssuedEvent), read by the metering statement on every request.
CREATE TABLE api_key_quota (
    key_id        TEXT PRIMARY KEY,
    tenant_id     TEXT   NOT NULL,
    quota_monthly BIGINT NOT NULL
);
-- Keys issued before this table existed: their quota, from their issue event (the source of truth).
INSERT INTO api_key_quota (key_id, tenant_id, quota_monthly)
SELECT e.payload_json ->> 'keyId', e.payload_json ->> 'tenantId', (e.payload_json ->> 'quotaMonthly')::bigint
FROM (SELECT convert_from(payload, 'UTF8')::jsonb AS payload_json
      FROM domainevententry
      WHERE payloadtype = 'io.p3protocol.kernel.apikeys.ApiKeyIssuedEvent') e
ON CONFLICT (key_id) DO NOTHING;

-- Metering state, not a read model: counted by one statement per request of a tenant key (RequestMeter), in
-- PostgreSQL so that every node counts in the same rows. Not derived from events and not rebuilt on replay; the
-- only event is the key's ApiKeyQuotaExhaustedEvent, once per key and month.

-- The serialization point of the quota: one row per key and UTC month; the conditional upsert increments it only
-- while total < quota_monthly, so no two nodes can both take the last request.
CREATE TABLE api_key_usage (
    key_id        TEXT    NOT NULL,
    month         DATE    NOT NULL, -- first day of the UTC month
    tenant_id     TEXT    NOT NULL,
    quota_monthly BIGINT  NOT NULL, -- the quota the month was counted against
    total         BIGINT  NOT NULL,
    PRIMARY KEY (key_id, month)
);

-- The same requests per route template (e.g. "POST /api/vault/secrets/{name}/rotate", never a raw path), so the
-- table is bounded by keys × routes × months. Counted in the same statement, only for requests the quota allowed.
CREATE TABLE api_key_endpoint_usage (
    key_id      TEXT        NOT NULL,
    month       DATE        NOT NULL,
    endpoint    TEXT        NOT NULL,
    count       BIGINT      NOT NULL,
    last_hit_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (key_id, month, endpoint)
);
