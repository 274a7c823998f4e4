-- Per-tenant rate limit (docs/enterprise.md#rate-limit): one fixed one-minute window counter per tenant, shared by
-- every node on this database. Each request of a tenant key increments its row with one upsert (autocommit), so the
-- limit holds across nodes. Not derived from events and not worth keeping: rows of past windows are deleted
-- periodically (TenantRateLimiter.deleteOldWindows).
CREATE TABLE rate_limit_window (
    tenant_id    TEXT        NOT NULL,
    window_start TIMESTAMPTZ NOT NULL, -- date_trunc('minute', the database's clock)
    count        INTEGER     NOT NULL,
    PRIMARY KEY (tenant_id, window_start)
);

-- The periodic clean-up deletes by window_start alone.
CREATE INDEX rate_limit_window_start ON rate_limit_window (window_start);
