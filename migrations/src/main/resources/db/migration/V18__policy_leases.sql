-- Budget leases for the policy checks (docs/enterprise.md#how-the-checks-work): a node reserves a chunk of a key's
-- monthly quota at a time and counts it in memory, so the key's month row now carries two counters:
--   reserved: units handed out to nodes (the serialization point: a lease is granted only while
--             reserved + n <= quota_monthly, so no two nodes can ever hold more than the quota between them);
--   total:    requests actually served (flushed by the nodes shortly after), the usage read model.
-- reserved >= total always; the difference is units leased and not used yet (or lost with a crashed node).
ALTER TABLE api_key_usage ADD COLUMN reserved BIGINT NOT NULL DEFAULT 0;
UPDATE api_key_usage SET reserved = total;
-- rate_limit_window.count keeps its name; it now counts the units of the window leased to nodes (at most the
-- tenant's rateLimitRpm), not the requests that arrived.
