-- Read model of the anchors (Anchor aggregate, docs/anchoring.md): one row per Merkle root. Derived from events,
-- never the source of truth. Maintained by the subscribing processor "anchoring-views", in the transaction of the
-- append, so GET /api/anchoring/anchors/{root} right after the POST sees the request; the confirmation poller reads
-- the SUBMITTED rows from here. tx_hash is only ever a hash the chain node returned: NULL means no transaction.
CREATE TABLE anchor_view (
    root                   TEXT PRIMARY KEY,  -- 0x + 64 lower-case hex digits (bytes32)
    leaf_count             BIGINT      NOT NULL,
    meta                   TEXT        NOT NULL,
    status                 TEXT        NOT NULL, -- REQUESTED | SUBMITTED | CONFIRMED | FAILED
    attempt                INTEGER     NOT NULL,
    tx_hash                TEXT,
    chain_id               BIGINT,
    contract_address       TEXT,
    already_anchored       BOOLEAN     NOT NULL DEFAULT FALSE, -- tx_hash is an earlier anchor of the same root
    required_confirmations INTEGER,
    block_number           BIGINT,
    block_hash             TEXT,
    confirmations          BIGINT,
    failure_reason         TEXT,
    requested_at           TIMESTAMPTZ NOT NULL,
    updated_at             TIMESTAMPTZ NOT NULL,
    CONSTRAINT anchor_view_status_ck CHECK (status IN ('REQUESTED', 'SUBMITTED', 'CONFIRMED', 'FAILED'))
);
CREATE INDEX anchor_view_status_ix ON anchor_view (status, updated_at);
