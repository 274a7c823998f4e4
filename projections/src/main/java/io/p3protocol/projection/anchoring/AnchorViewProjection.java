package io.p3protocol.projection.anchoring;

import io.p3protocol.kernel.anchoring.AnchorConfirmedEvent;
import io.p3protocol.kernel.anchoring.AnchorFailedEvent;
import io.p3protocol.kernel.anchoring.AnchorRequestedEvent;
import io.p3protocol.kernel.anchoring.AnchorStatus;
import io.p3protocol.kernel.anchoring.AnchorSubmittedEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;

/**
 * anchor_view (V10): one row per root, in the transaction of the append (subscribing processor
 * {@value #PROCESSING_GROUP}). A retry after a failure clears the previous attempt's transaction and reason.
 */
@Component
@ProcessingGroup(AnchorViewProjection.PROCESSING_GROUP)
public class AnchorViewProjection {
    public static final String PROCESSING_GROUP = "anchoring-views";

    private final JdbcTemplate jdbc;

    public AnchorViewProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(AnchorRequestedEvent event, @org.axonframework.eventhandling.Timestamp Instant at) {
        Timestamp time = Timestamp.from(at);
        jdbc.update("""
                INSERT INTO anchor_view (root, leaf_count, meta, status, attempt, requested_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (root) DO UPDATE SET status = EXCLUDED.status, attempt = EXCLUDED.attempt,
                    tx_hash = NULL, chain_id = NULL, contract_address = NULL, already_anchored = FALSE,
                    required_confirmations = NULL, block_number = NULL, block_hash = NULL, confirmations = NULL,
                    failure_reason = NULL, updated_at = EXCLUDED.updated_at""",
                event.root(), event.count(), event.meta(), AnchorStatus.REQUESTED.name(), event.attempt(), time, time);
    }

    @EventHandler
    void on(AnchorSubmittedEvent event, @org.axonframework.eventhandling.Timestamp Instant at) {
        jdbc.update("""
                UPDATE anchor_view SET status = ?, tx_hash = ?, chain_id = ?, contract_address = ?,
                    already_anchored = ?, required_confirmations = ?, updated_at = ? WHERE root = ?""",
                AnchorStatus.SUBMITTED.name(), event.txHash(), event.chainId(), event.contractAddress(),
                event.alreadyAnchored(), event.requiredConfirmations(), Timestamp.from(at), event.root());
    }

    @EventHandler
    void on(AnchorConfirmedEvent event, @org.axonframework.eventhandling.Timestamp Instant at) {
        jdbc.update("""
                UPDATE anchor_view SET status = ?, block_number = ?, block_hash = ?, confirmations = ?, updated_at = ?
                WHERE root = ?""",
                AnchorStatus.CONFIRMED.name(), event.blockNumber(), event.blockHash(), event.confirmations(),
                Timestamp.from(at), event.root());
    }

    @EventHandler
    void on(AnchorFailedEvent event, @org.axonframework.eventhandling.Timestamp Instant at) {
        jdbc.update("UPDATE anchor_view SET status = ?, failure_reason = ?, updated_at = ? WHERE root = ?",
                AnchorStatus.FAILED.name(), event.reason(), Timestamp.from(at), event.root());
    }
}
