-- Verified-empty global-sequence numbers (docs/audit.md, "Gaps"). PostgreSQL hands a globalindex to every insert,
-- and a transaction that rolls back never uses its number. The "audit-chain" processor (AuditGapRecorder) records
-- such a number here once the gap timeout has passed (the first event stored after it is older than the timeout)
-- and it has checked that neither domainevententry nor audit_chain holds it. After the timeout every number up to
-- the sealer's position is therefore either sealed or recorded here; a number that is neither was removed.
CREATE TABLE audit_chain_gap (
    seq          BIGINT      PRIMARY KEY,  -- the globalindex that holds no event
    next_seq     BIGINT      NOT NULL,     -- the first stored event after it, whose age proved the timeout
    verified_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Evidence, like audit_chain: never changed or removed by the application.
CREATE TRIGGER audit_chain_gap_append_only
    BEFORE UPDATE OR DELETE ON audit_chain_gap
    FOR EACH ROW EXECUTE FUNCTION p3_reject_mutation(); -- defined in V1

-- Where the gap recorder stands (one row): every number up to scanned_up_to is sealed, recorded as a gap, or in
-- pending (not sealed yet, gap timeout not yet passed). Working state, not evidence: updated in the sealer's
-- transaction and by the periodic sweep, which lock this row to take turns.
CREATE TABLE audit_gap_progress (
    id            SMALLINT PRIMARY KEY CHECK (id = 1),
    scanned_up_to BIGINT   NOT NULL,
    pending       BIGINT[] NOT NULL
);
INSERT INTO audit_gap_progress (id, scanned_up_to, pending) VALUES (1, 0, '{}');
