-- The audit chain's fork guard, by the predecessor's position instead of its hash (docs/audit.md).
-- Before: UNIQUE (tenant_id, prev_hash). A hash is random, so every sealed event inserted into a random page of an
-- index as large as the chain; under telemetry load that index cost more than the rest of the row. prev_seq, the
-- seq of the record a record follows in its chain, grows with the chain: its inserts land on the newest pages, and
-- UNIQUE (prev_seq) says the same thing, since a record belongs to exactly one chain: no record is ever followed
-- twice. The first record of a chain has no predecessor (NULL), so a second unique index allows one per chain.
ALTER TABLE audit_chain ADD COLUMN prev_seq BIGINT;

-- Existing rows get their predecessor from sealing order. The append-only trigger is lifted for this one derived
-- column only (no hash, link or position changes) and put back in the same transaction.
ALTER TABLE audit_chain DISABLE TRIGGER audit_chain_append_only;
UPDATE audit_chain c SET prev_seq = p.prev_seq
FROM (SELECT seq, lag(seq) OVER (PARTITION BY tenant_id ORDER BY chain_position) AS prev_seq FROM audit_chain) p
WHERE p.seq = c.seq AND p.prev_seq IS NOT NULL;
ALTER TABLE audit_chain ENABLE TRIGGER audit_chain_append_only;

CREATE UNIQUE INDEX audit_chain_successor_uq ON audit_chain (prev_seq);
-- '' stands for the chain of events without a tenant (tenant ids are never empty), so it has one first record too.
CREATE UNIQUE INDEX audit_chain_first_record_uq ON audit_chain ((COALESCE(tenant_id, ''))) WHERE prev_seq IS NULL;
DROP INDEX audit_chain_tenant_link_uq;
