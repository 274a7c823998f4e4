-- Merkle checkpoints over the audit chain (docs/audit.md): one row per AuditCheckpointCutEvent, written by the
-- subscribing processor "audit-checkpoint-views" (AuditCheckpointProjection) in the transaction of the append.
-- Checkpoint n's tree covers the first tree_size rows of audit_chain in chain_position (sealing) order.
CREATE TABLE audit_checkpoint (
    number              BIGINT      PRIMARY KEY,
    checkpoint_id       TEXT        NOT NULL UNIQUE,  -- the AuditCheckpoint aggregate, 'audit-checkpoint-<number>'
    previous_tree_size  BIGINT      NOT NULL,
    tree_size           BIGINT      NOT NULL UNIQUE,
    first_seq           BIGINT      NOT NULL,          -- seq of the first new leaf
    last_seq            BIGINT      NOT NULL,          -- seq of the last new leaf
    root                CHAR(64)    NOT NULL,          -- RFC 6962 MTH, lower-case hex
    anchoring_requested BOOLEAN     NOT NULL,          -- false: anchoring was not configured when it was cut
    created_at          TIMESTAMPTZ NOT NULL
);
