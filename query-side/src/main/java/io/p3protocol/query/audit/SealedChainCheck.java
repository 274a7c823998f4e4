package io.p3protocol.query.audit;

import io.p3protocol.projection.eventstore.SnapshotCursor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Starts the comparison of one export with the sealed chain and the checkpoints (see {@link SealedChainComparison}). */
@Component
public class SealedChainCheck {
    private final JdbcTemplate jdbc;
    private final SnapshotCursor cursor;
    private final AuditProofs proofs;

    public SealedChainCheck(JdbcTemplate jdbc, SnapshotCursor cursor, AuditProofs proofs) {
        this.jdbc = jdbc;
        this.cursor = cursor;
        this.proofs = proofs;
    }

    /** @param tenantScope the caller's tenant for a tenant key (only its seals are visible), null for the platform */
    public SealedChainComparison start(String tenantScope) {
        return new SealedChainComparison(jdbc, cursor, proofs, tenantScope);
    }
}
