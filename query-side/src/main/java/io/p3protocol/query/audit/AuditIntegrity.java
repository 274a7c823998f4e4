package io.p3protocol.query.audit;

import io.p3protocol.kernel.anchoring.AnchorSummary;
import io.p3protocol.kernel.crypto.MerkleTree;
import io.p3protocol.projection.audit.AuditRecord;
import io.p3protocol.projection.eventstore.SnapshotCursor;
import io.p3protocol.projection.eventstore.StoredEventRow;
import io.p3protocol.kernel.security.Caller;
import org.axonframework.common.DateTimeUtils;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The integrity check of the whole audit trail (docs/audit.md, "Integrity"): recomputes every sealed hash from the
 * stored event row and every prev-hash link, recomputes the latest checkpoint's Merkle root from the sealed hashes,
 * finds event rows that were never sealed, and lists the global-sequence numbers that hold neither an event nor a
 * seal (benign gaps: numbers PostgreSQL handed out to transactions that rolled back).
 * <p>
 * Each pass reads from its own REPEATABLE READ snapshot through a cursor; the Merkle leaves are kept (32 bytes each)
 * only up to the latest checkpoint's tree size. The passes are separate snapshots, so an event appended between them
 * may show as pending; it never shows as a break, because a break needs the grace period to have passed.
 */
@Component
public class AuditIntegrity {
    /** How many breaks and gap ranges one answer lists at most; the counts are always complete. */
    static final int LIST_LIMIT = 1000;
    private static final HexFormat HEX = HexFormat.of();

    private final SnapshotCursor cursor;
    private final JdbcTemplate jdbc;
    private final AuditProofs checkpoints;
    private final Duration gracePeriod;
    private final Duration gapTimeout;
    private final Clock clock;

    public AuditIntegrity(SnapshotCursor cursor, JdbcTemplate jdbc, AuditProofs checkpoints,
                          @Value("${p3.audit.integrity.grace-period:10m}") Duration gracePeriod,
                          @Value("${p3.audit.gaps.timeout:60s}") Duration gapTimeout) {
        this.gapTimeout = gapTimeout;
        this.cursor = cursor;
        this.jdbc = jdbc;
        this.checkpoints = checkpoints;
        this.gracePeriod = gracePeriod;
        this.clock = Clock.systemUTC();
    }

    /** What went wrong at one place of the trail. */
    public enum BreakKind {
        /** the stored event row no longer hashes to its seal: payload, metadata, type, ids or timestamp changed */
        payload_changed,
        /** a seal whose event row is gone */
        event_missing,
        /** an event row no seal covers (past the grace period), or a seal whose event id is not the stored row's */
        forged_event,
        /** a seal's prevHash is not the hash of its tenant's previous seal: a seal was removed, edited or inserted */
        link_broken,
        /** the latest checkpoint's root differs from the root of today's sealed hashes */
        checkpoint_mismatch,
        /** a number recorded as a verified-empty gap holds an event (or a seal) now */
        gap_filled
    }

    public record Break(BreakKind kind, Long seq, String eventId, Long checkpoint, String detail) {
    }

    public record GapRange(long from, long to) {
    }

    public record CheckpointStatus(long id, long treeSize, long lastSeq, String root, String recomputedRoot,
                                   boolean matches) {
    }

    /**
     * @param gaps             how many sequence numbers in 1..lastSeq the sealer recorded as verified-empty (benign:
     *                         rolled back); null for a tenant key, as every gap field: the global sequence is not a
     *                         tenant's
     * @param gapRanges        those numbers as ranges, at most {@link #LIST_LIMIT}
     * @param pendingGaps      numbers holding neither an event nor a seal whose gap timeout has not passed yet
     * @param pendingGapRanges those numbers as ranges
     * @param unsealedPending  event rows not sealed yet but still within the grace period (not a break)
     * @param breakCount       every break found; {@code breaks} lists at most {@link #LIST_LIMIT}
     */
    public record Report(boolean valid, String scope, Long gaps, List<GapRange> gapRanges, Long pendingGaps,
                         List<GapRange> pendingGapRanges, Duration gapTimeout, Long lastSeq,
                         CheckpointStatus lastCheckpoint, AnchorSummary lastAnchor, long sealed,
                         long unsealedPending, Duration gracePeriod, long breakCount, List<Break> breaks) {
    }

    public Report check(Caller caller) {
        return check(caller.platformAdmin() ? null : caller.tenantId());
    }

    /** The check of the whole trail ({@code tenant} null) or of one tenant's chain only. */
    public Report check(String tenant) {
        Breaks breaks = new Breaks();
        CheckpointRow latest = jdbc.query("SELECT number, tree_size, last_seq, root FROM audit_checkpoint"
                        + " ORDER BY number DESC LIMIT 1", (rs, i) -> new CheckpointRow(rs.getLong(1), rs.getLong(2),
                        rs.getLong(3), rs.getString(4).trim())).stream().findFirst().orElse(null);
        ChainPass chain = checkChain(tenant, latest == null ? 0 : latest.treeSize(), breaks);
        CheckpointStatus checkpoint = latest == null ? null : checkCheckpoint(latest, chain.leaves(), breaks);
        String cutoff = DateTimeUtils.formatInstant(clock.instant().minus(gracePeriod));
        long pending = checkUnsealed(tenant, cutoff, breaks);
        Long lastSeq = tenant == null
                ? jdbc.queryForObject("SELECT max(seq) FROM audit_chain", Long.class)
                : jdbc.queryForObject("SELECT max(seq) FROM audit_chain WHERE tenant_id = ?", Long.class, tenant);
        Gaps gaps = tenant == null ? classifyGaps(lastSeq == null ? 0 : lastSeq, breaks) : null;
        return new Report(breaks.count == 0, tenant == null ? "platform" : "tenant " + tenant,
                gaps == null ? null : gaps.recorded(), gaps == null ? null : gaps.recordedRanges(),
                gaps == null ? null : gaps.pending(), gaps == null ? null : gaps.pendingRanges(),
                gaps == null ? null : gapTimeout, lastSeq, checkpoint, lastAnchor(), chain.sealed(), pending,
                gracePeriod, breaks.count, breaks.listed);
    }

    private record CheckpointRow(long number, long treeSize, long lastSeq, String root) {
    }

    private record ChainPass(long sealed, List<byte[]> leaves) {
    }

    /**
     * Walks every seal in sealing order with its event row (outer join: a deleted row still has its seal): hashes,
     * event ids and per-tenant links. Collects the Merkle leaves of all tenants up to {@code treeSize}, since a
     * checkpoint covers every tenant; a tenant key's breaks are its own tenant's only.
     */
    private ChainPass checkChain(String tenant, long treeSize, Breaks breaks) {
        List<byte[]> leaves = new ArrayList<>();
        Map<String, String> heads = new HashMap<>();
        long[] sealed = {0};
        cursor.stream("SELECT c.seq AS chain_seq, c.event_id AS chain_event_id, c.tenant_id AS chain_tenant_id,"
                + " c.prev_hash, c.hash, " + StoredEventRow.COLUMNS
                + " FROM audit_chain c LEFT JOIN domainevententry e ON e.globalindex = c.seq"
                + " ORDER BY c.chain_position", new Object[0], rs -> {
            String hash = rs.getString("hash").trim();
            if (leaves.size() < treeSize) {
                leaves.add(MerkleTree.leafHash(HEX.parseHex(hash)));
            }
            String chainTenant = rs.getString("chain_tenant_id");
            if (tenant != null && !tenant.equals(chainTenant)) {
                return;
            }
            sealed[0]++;
            long seq = rs.getLong("chain_seq");
            String eventId = rs.getString("chain_event_id");
            String prevHash = rs.getString("prev_hash").trim();
            String expectedPrev = heads.getOrDefault(chainTenant, AuditRecord.GENESIS);
            heads.put(chainTenant, hash);
            if (!prevHash.equals(expectedPrev)) {
                breaks.add(new Break(BreakKind.link_broken, seq, eventId, null, "prevHash " + prevHash
                        + " is not the hash of the tenant's previous seal (" + expectedPrev + ")"));
            }
            StoredEventRow row = StoredEventRow.read(rs);
            if (row == null) {
                breaks.add(new Break(BreakKind.event_missing, seq, eventId, null,
                        "sealed, but no event row has this seq any more"));
            } else if (!eventId.equals(row.eventId())) {
                breaks.add(new Break(BreakKind.forged_event, seq, row.eventId(), null,
                        "the event row at this seq has id " + row.eventId() + ", the seal is of " + eventId));
            } else if (!hash.equals(AuditRecord.hashOf(AuditRecord.unsealed(row, prevHash)))) {
                breaks.add(new Break(BreakKind.payload_changed, seq, eventId, null,
                        "the stored event no longer hashes to its seal"));
            }
        });
        return new ChainPass(sealed[0], leaves);
    }

    private CheckpointStatus checkCheckpoint(CheckpointRow latest, List<byte[]> leaves, Breaks breaks) {
        String recomputed = leaves.size() == latest.treeSize() ? HEX.formatHex(MerkleTree.root(leaves)) : null;
        boolean matches = latest.root().equals(recomputed);
        if (!matches) {
            breaks.add(new Break(BreakKind.checkpoint_mismatch, latest.lastSeq(), null, latest.number(),
                    recomputed == null
                            ? "the checkpoint covers " + latest.treeSize() + " seals, only " + leaves.size() + " remain"
                            : "the sealed hashes give root " + recomputed + ", the checkpoint says " + latest.root()));
        }
        return new CheckpointStatus(latest.number(), latest.treeSize(), latest.lastSeq(), latest.root(), recomputed,
                matches);
    }

    /**
     * Event rows without a seal at their seq. One is a {@code forged_event} once its timestamp is older than the grace
     * period and the sealer has already sealed a later seq (so it is not merely behind); otherwise it is pending.
     * A row at a seq sealed for another event id was named in the chain pass.
     */
    private long checkUnsealed(String tenant, String cutoff, Breaks breaks) {
        long[] pending = {0};
        Long lastSealed = jdbc.queryForObject("SELECT max(seq) FROM audit_chain", Long.class);
        cursor.stream("SELECT " + StoredEventRow.COLUMNS + " FROM domainevententry e"
                + " WHERE NOT EXISTS (SELECT 1 FROM audit_chain c WHERE c.seq = e.globalindex)"
                + " ORDER BY e.globalindex", new Object[0], rs -> {
            StoredEventRow row = StoredEventRow.read(rs);
            if (tenant != null && !tenant.equals(AuditRecord.tenantOf(row))) {
                return;
            }
            boolean overdue = row.timestamp().compareTo(cutoff) < 0
                    && lastSealed != null && lastSealed > row.globalIndex();
            if (overdue) {
                breaks.add(new Break(BreakKind.forged_event, row.globalIndex(), row.eventId(), null,
                        "an event row stamped " + row.timestamp() + " that was never sealed, though later events were"));
            } else {
                pending[0]++;
            }
        });
        return pending[0];
    }

    /** The numbers in 1..bound that hold neither an event row nor a seal, by what became of them. */
    private record Gaps(long recorded, List<GapRange> recordedRanges, long pending, List<GapRange> pendingRanges) {
    }

    /**
     * Classifies every number up to the sealer's position (at least {@code lastSeq}) that holds neither an event row nor a seal: recorded by the sealer
     * as verified-empty (a benign gap), still pending (the gap timeout has not passed, or the sealer has not reached
     * it), or neither, which means a sealed event was removed together with its seal ({@code event_missing}). Also
     * names recorded gaps that hold an event or a seal now ({@code gap_filled}).
     */
    private Gaps classifyGaps(long lastSeq, Breaks breaks) {
        Map<String, Object> progress = jdbc.queryForMap("SELECT scanned_up_to, pending FROM audit_gap_progress WHERE id = 1");
        long scannedUpTo = ((Number) progress.get("scanned_up_to")).longValue();
        long bound = Math.max(lastSeq, scannedUpTo); // the sealer passed a deleted tail event (and its seal) too
        java.util.Set<Long> pendingSet = new java.util.HashSet<>();
        try {
            pendingSet.addAll(Arrays.asList((Long[]) ((java.sql.Array) progress.get("pending")).getArray()));
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("unreadable audit_gap_progress.pending", e);
        }
        RangeCollector recorded = new RangeCollector();
        RangeCollector pending = new RangeCollector();
        cursor.stream("""
                WITH present AS (SELECT globalindex AS s FROM domainevententry WHERE globalindex BETWEEN 1 AND ?
                                 UNION SELECT seq FROM audit_chain WHERE seq BETWEEN 1 AND ?),
                     ordered AS (SELECT s, lag(s, 1, 0::bigint) OVER (ORDER BY s) AS prev FROM present
                                 UNION ALL SELECT ? + 1, (SELECT coalesce(max(s), 0) FROM present)),
                     holes AS (SELECT generate_series(prev + 1, s - 1) AS s FROM ordered WHERE s > prev + 1)
                SELECT h.s, g.seq IS NOT NULL AS recorded FROM holes h LEFT JOIN audit_chain_gap g ON g.seq = h.s
                ORDER BY h.s""", new Object[]{bound, bound, bound}, rs -> {
            long seq = rs.getLong("s");
            if (rs.getBoolean("recorded")) {
                recorded.add(seq);
            } else if (seq > scannedUpTo || pendingSet.contains(seq)) {
                pending.add(seq);
            } else {
                breaks.add(new Break(BreakKind.event_missing, seq, null, null, "no event row, no seal and no"
                        + " verified-empty record: the sealer passed this number, so an event stood here and was"
                        + " removed together with its seal"));
            }
        });
        jdbc.query("""
                SELECT g.seq, g.verified_at, e.eventidentifier, c.event_id FROM audit_chain_gap g
                LEFT JOIN domainevententry e ON e.globalindex = g.seq LEFT JOIN audit_chain c ON c.seq = g.seq
                WHERE (e.globalindex IS NOT NULL OR c.seq IS NOT NULL) AND g.seq <= ? ORDER BY g.seq""", rs -> {
            String eventId = rs.getString("eventidentifier") != null ? rs.getString("eventidentifier")
                    : rs.getString("event_id");
            breaks.add(new Break(BreakKind.gap_filled, rs.getLong("seq"), eventId, null, "this number was verified"
                    + " empty at " + rs.getTimestamp("verified_at").toInstant() + ", now it holds an event"
                    + (rs.getString("event_id") != null ? " and a seal" : "")));
        }, bound);
        return new Gaps(recorded.count, recorded.ranges, pending.count, pending.ranges);
    }

    /** Numbers added in ascending order, as ranges of consecutive ones (at most {@link #LIST_LIMIT}), and their count. */
    private static final class RangeCollector {
        long count;
        final List<GapRange> ranges = new ArrayList<>();
        private GapRange open;

        void add(long seq) {
            count++;
            if (open != null && seq == open.to() + 1) {
                open = new GapRange(open.from(), seq);
                ranges.set(ranges.size() - 1, open);
            } else if (ranges.size() < LIST_LIMIT) {
                open = new GapRange(seq, seq);
                ranges.add(open);
            } else {
                open = null;
            }
        }
    }

    private AnchorSummary lastAnchor() {
        return jdbc.queryForList("SELECT number FROM audit_checkpoint WHERE anchoring_requested ORDER BY number DESC"
                        + " LIMIT 1", Long.class).stream().findFirst()
                .map(number -> checkpoints.checkpoint(number).anchor()).orElse(null);
    }

    private static final class Breaks {
        long count;
        final List<Break> listed = new ArrayList<>();

        void add(Break found) {
            count++;
            if (listed.size() < LIST_LIMIT) {
                listed.add(found);
            }
        }
    }
}
