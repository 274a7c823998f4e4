package io.p3protocol.query.reports;

import io.p3protocol.kernel.anchoring.AnchorConfirmedEvent;
import io.p3protocol.kernel.anchoring.AnchorFailedEvent;
import io.p3protocol.kernel.anchoring.AnchorRequestedEvent;
import io.p3protocol.kernel.anchoring.AnchorSubmittedEvent;
import io.p3protocol.kernel.audit.AuditCheckpointCutEvent;
import io.p3protocol.query.audit.AuditIntegrity;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code audit-integrity}: the Merkle checkpoints cut up to an instant, the anchor of each as it stood then, and the
 * breaks of the audit trail in the range up to that instant.
 * <p>
 * Checkpoints and anchors are replayed ({@code AuditCheckpointCutEvent} and the {@code Anchor*Event}s of checkpoint
 * roots; anchors of other roots, such as rule actions', are left out). Breaks are not events: they are found by the
 * integrity check ({@link AuditIntegrity}) run now, over the sealed chain as it is now, and the report keeps those at
 * a sequence number up to the end of its range, and every checkpoint mismatch (a checkpoint's root vouches for all
 * history before it).
 * <p>
 * Tenant runs: checkpoints and their anchors hold only hashes over every tenant (tenant admins see them already, see
 * docs/audit.md), so they are replayed for a tenant run too ({@link #tenantFreeEvents()}); the breaks are those of
 * the tenant's own chain, and the global-sequence gap counts are left out, exactly as {@code GET
 * /api/audit/integrity} answers a tenant key. No other tenant's event is named.
 */
@Component
public class AuditIntegrityReport implements ComplianceReport {
    public static final String NAME = "audit-integrity";

    private final AuditIntegrity integrity;

    public AuditIntegrityReport(AuditIntegrity integrity) {
        this.integrity = integrity;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String title() {
        return "Audit integrity";
    }

    @Override
    public ReportProjection newProjection(ReportRequest request) {
        return new Projection(request.tenantId(), integrity);
    }

    @Override
    public Set<Class<?>> tenantFreeEvents() {
        return Set.of(AuditCheckpointCutEvent.class, AnchorRequestedEvent.class, AnchorSubmittedEvent.class,
                AnchorConfirmedEvent.class, AnchorFailedEvent.class);
    }

    /**
     * @param valid             no break in the range
     * @param checkpoints       checkpoints cut up to asOf; {@code rows} lists them, oldest first
     * @param anchoredConfirmed how many of them had a confirmed anchor at asOf
     * @param gaps              verified-empty global-sequence numbers up to the range end (null for a tenant run)
     * @param integrityCheckedAt when the breaks were looked for (now)
     */
    public record Body(boolean valid, int checkpoints, int anchoredConfirmed, Long gaps, long breakCount,
                       List<AuditIntegrity.Break> breaks, Instant integrityCheckedAt, List<Checkpoint> rows) {
    }

    /**
     * A checkpoint and its anchor at asOf. {@code anchorStatus} is {@code not configured} when anchoring was off when
     * it was cut (no transaction exists), else the anchor's status at asOf ({@code REQUESTED}, {@code SUBMITTED},
     * {@code CONFIRMED}, {@code FAILED}).
     */
    public record Checkpoint(long id, long treeSize, long firstSeq, long lastSeq, String root, Instant cutAt,
                             String anchorStatus, String txHash, Long chainId, String contractAddress,
                             Long blockNumber, String blockHash, Long confirmations, String failureReason) {
    }

    static final class Projection implements ReportProjection {
        private final String tenantId;
        private final AuditIntegrity integrity;
        private final Map<Long, CheckpointState> checkpoints = new LinkedHashMap<>();
        private final Map<String, CheckpointState> byAnchorRoot = new LinkedHashMap<>();

        Projection(String tenantId, AuditIntegrity integrity) {
            this.tenantId = tenantId;
            this.integrity = integrity;
        }

        private static final class CheckpointState {
            final AuditCheckpointCutEvent cut;
            final Instant cutAt;
            String anchorStatus;
            String txHash;
            Long chainId;
            String contractAddress;
            Long blockNumber;
            String blockHash;
            Long confirmations;
            String failureReason;

            CheckpointState(AuditCheckpointCutEvent cut, Instant cutAt) {
                this.cut = cut;
                this.cutAt = cutAt;
                this.anchorStatus = cut.anchoringRequested() ? "REQUESTED" : "not configured";
            }
        }

        @EventHandler
        void on(AuditCheckpointCutEvent event, @Timestamp Instant at) {
            CheckpointState state = new CheckpointState(event, at);
            checkpoints.put(event.number(), state);
            if (event.anchoringRequested()) {
                byAnchorRoot.put("0x" + event.root(), state);
            }
        }

        @EventHandler
        void on(AnchorRequestedEvent event) {
            CheckpointState state = byAnchorRoot.get(event.root());
            if (state != null) {
                state.anchorStatus = "REQUESTED";
                state.failureReason = null;
            }
        }

        @EventHandler
        void on(AnchorSubmittedEvent event) {
            CheckpointState state = byAnchorRoot.get(event.root());
            if (state != null) {
                state.anchorStatus = "SUBMITTED";
                state.txHash = event.txHash();
                state.chainId = event.chainId();
                state.contractAddress = event.contractAddress();
            }
        }

        @EventHandler
        void on(AnchorConfirmedEvent event) {
            CheckpointState state = byAnchorRoot.get(event.root());
            if (state != null) {
                state.anchorStatus = "CONFIRMED";
                state.txHash = event.txHash();
                state.blockNumber = event.blockNumber();
                state.blockHash = event.blockHash();
                state.confirmations = event.confirmations();
            }
        }

        @EventHandler
        void on(AnchorFailedEvent event) {
            CheckpointState state = byAnchorRoot.get(event.root());
            if (state != null) {
                state.anchorStatus = "FAILED";
                state.failureReason = event.reason();
            }
        }

        @Override
        public Body result() {
            return result(new ReportRange(null, null, 0, null, null));
        }

        @Override
        public Body result(ReportRange range) {
            List<Checkpoint> rows = checkpoints.values().stream().map(c -> new Checkpoint(c.cut.number(),
                    c.cut.treeSize(), c.cut.firstSeq(), c.cut.lastSeq(), c.cut.root(), c.cutAt, c.anchorStatus,
                    c.txHash, c.chainId, c.contractAddress, c.blockNumber, c.blockHash, c.confirmations,
                    c.failureReason)).toList();
            int confirmed = (int) rows.stream().filter(r -> "CONFIRMED".equals(r.anchorStatus())).count();
            Instant checkedAt = Instant.now();
            if (range.lastSeq() == null) {
                return new Body(true, rows.size(), confirmed, tenantId == null ? 0L : null, 0, List.of(), checkedAt,
                        rows);
            }
            long end = range.lastSeq();
            AuditIntegrity.Report now = integrity.check(tenantId);
            List<AuditIntegrity.Break> breaks = now.breaks().stream()
                    .filter(b -> b.kind() == AuditIntegrity.BreakKind.checkpoint_mismatch
                            || (b.seq() != null && b.seq() <= end)).toList();
            Long gaps = now.gapRanges() == null ? null : now.gapRanges().stream()
                    .filter(g -> g.from() <= end).mapToLong(g -> Math.min(g.to(), end) - g.from() + 1).sum();
            return new Body(breaks.isEmpty(), rows.size(), confirmed, gaps, breaks.size(), breaks, checkedAt, rows);
        }
    }
}
