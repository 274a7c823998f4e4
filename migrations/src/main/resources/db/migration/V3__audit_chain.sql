-- The audit hash chain: one row per sealed event, written by the "audit-chain" processor (AuditChainSealer).
-- hash = SHA-256(prev_hash || canonical JSON of the event's audit record); see docs/audit.md.
CREATE TABLE audit_chain (
    seq            BIGINT       PRIMARY KEY,          -- domainevententry.globalindex of the sealed event
    -- Sealing order. Equal to seq order except when PostgreSQL commits an event after one with a higher
    -- globalindex; chains link in sealing order, so exports follow this column.
    chain_position BIGSERIAL    NOT NULL UNIQUE,
    event_id       VARCHAR(255) NOT NULL UNIQUE,
    tenant_id      TEXT,                              -- the chain the event belongs to (metadata tenantId)
    prev_hash      CHAR(64)     NOT NULL,
    hash           CHAR(64)     NOT NULL,
    sealed_at      TIMESTAMPTZ  NOT NULL DEFAULT now()
);
-- The head of a tenant's chain, and a tenant's export in chain order.
CREATE INDEX audit_chain_tenant_position_idx ON audit_chain (tenant_id, chain_position);
CREATE INDEX audit_chain_untenanted_position_idx ON audit_chain (chain_position) WHERE tenant_id IS NULL;
-- A chain never forks: two events of one tenant cannot follow the same predecessor.
CREATE UNIQUE INDEX audit_chain_tenant_link_uq ON audit_chain (tenant_id, prev_hash);

-- Sealed hashes are evidence: the application never changes or removes them.
CREATE TRIGGER audit_chain_append_only
    BEFORE UPDATE OR DELETE ON audit_chain
    FOR EACH ROW EXECUTE FUNCTION p3_reject_mutation(); -- defined in V1
