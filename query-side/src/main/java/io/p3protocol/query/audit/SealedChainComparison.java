package io.p3protocol.query.audit;

import io.p3protocol.kernel.anchoring.AnchorStatus;
import io.p3protocol.kernel.anchoring.AnchorSummary;
import io.p3protocol.kernel.crypto.MerkleFrontier;
import io.p3protocol.kernel.crypto.MerkleTree;
import io.p3protocol.projection.eventstore.SnapshotCursor;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Compares a streamed export with what was sealed (one instance per verification; made by
 * {@link SealedChainCheck}):
 * <ul>
 *     <li>every record's {@code eventId} and {@code hash} must be those of the seal at its {@code seq}
 *     ({@code sealed_mismatch}); a record with no seal at its seq, or another tenant's seal for a tenant key, is
 *     {@code not_sealed};</li>
 *     <li>every sealed event between the export's first and last record (in sealing order) must be in it
 *     ({@code missing_from_export}): of the export's tenant for a one-tenant export or a tenant key, of every tenant
 *     for an export holding several tenants' chains (an all-tenants export);</li>
 *     <li>when the export starts at the very first sealed event and holds all tenants, the RFC 6962 root over its
 *     hashes is recomputed at every checkpoint's tree size and compared with the checkpoint's root
 *     ({@code checkpoint_mismatch}), and each checkpoint's anchor is reported: confirmed when the anchored root is
 *     the recomputed one and the anchor is confirmed on chain.</li>
 * </ul>
 * Records are looked up in batches of {@value #BATCH}; memory holds a batch, one bit per sealed position in the
 * export's span, the Merkle frontier (O(log n)) and one row per checkpoint.
 */
public final class SealedChainComparison {
    static final int BATCH = 500;
    /** Checkpoints listed in one answer at most (the newest); the counts are complete. */
    static final int MAX_CHECKPOINTS = 100;
    private static final HexFormat HEX = HexFormat.of();

    private final JdbcTemplate jdbc;
    private final SnapshotCursor cursor;
    private final AuditProofs proofs;
    private final String tenantScope;
    private final List<Pending> batch = new ArrayList<>(BATCH);
    private final List<CheckpointRow> checkpoints;
    private final String[] recomputed;
    private final MerkleFrontier frontier = new MerkleFrontier();
    private final long firstPosition;
    private final BitSet present = new BitSet();
    private final Set<String> tenants = new HashSet<>();
    private Long spanFrom;
    private Long spanTo;
    private Boolean startsAtFirstLeaf;
    private int nextCheckpoint;
    private long matched;

    private record Pending(long line, long seq, String eventId, String hash) {
    }

    private record Seal(String eventId, String tenantId, String hash, long position) {
    }

    record CheckpointRow(long number, long treeSize, long lastSeq, String root, boolean anchoringRequested) {
    }

    /**
     * A checkpoint the export covers.
     *
     * @param recomputedRoot  the root over the export's first {@code treeSize} hashes
     * @param confirmed       the recomputed root is the checkpoint's
     * @param anchoring       {@code not configured} (anchoring was off: no transaction exists), else the anchor's status
     * @param anchorConfirmed the anchor is confirmed on chain and its root is the recomputed root
     */
    public record CheckpointCheck(long id, long treeSize, long lastSeq, String root, String recomputedRoot,
                                  boolean confirmed, String anchoring, String txHash, Long chainId, Long blockNumber,
                                  boolean anchorConfirmed) {
    }

    /**
     * @param matched             records equal to their seal (event id and hash)
     * @param checkpointCoverage  {@code full}: the export starts at the first sealed event and holds all tenants, so
     *                            every checkpoint up to its size was recomputed; otherwise why not
     * @param checkpointsChecked  checkpoints the export covers; {@code checkpoints} lists the newest
     *                            {@value #MAX_CHECKPOINTS}
     * @param checkpointsConfirmed those whose root the export reproduces
     * @param anchorsConfirmed    those whose anchored root is confirmed on chain too
     */
    public record Outcome(long matched, String checkpointCoverage, int checkpointsChecked, int checkpointsConfirmed,
                          int anchorsConfirmed, List<CheckpointCheck> checkpoints) {
    }

    SealedChainComparison(JdbcTemplate jdbc, SnapshotCursor cursor, AuditProofs proofs, String tenantScope) {
        this.jdbc = jdbc;
        this.cursor = cursor;
        this.proofs = proofs;
        this.tenantScope = tenantScope;
        this.checkpoints = jdbc.query("SELECT number, tree_size, last_seq, root, anchoring_requested"
                        + " FROM audit_checkpoint ORDER BY tree_size", (rs, i) -> new CheckpointRow(rs.getLong(1),
                rs.getLong(2), rs.getLong(3), rs.getString(4).trim(), rs.getBoolean(5)));
        this.recomputed = new String[checkpoints.size()];
        Long first = jdbc.queryForObject("SELECT min(chain_position) FROM audit_chain", Long.class);
        this.firstPosition = first == null ? 0 : first;
    }

    void add(long line, long seq, String eventId, String hash, AuditVerifier.Problems problems) {
        frontier.add(MerkleTree.leafHash(HEX.parseHex(hash)));
        while (nextCheckpoint < checkpoints.size() && checkpoints.get(nextCheckpoint).treeSize() == frontier.size()) {
            recomputed[nextCheckpoint++] = HEX.formatHex(frontier.root());
        }
        batch.add(new Pending(line, seq, eventId, hash));
        if (batch.size() == BATCH) {
            flush(problems);
        }
    }

    private void flush(AuditVerifier.Problems problems) {
        if (batch.isEmpty()) {
            return;
        }
        Map<Long, Seal> seals = new HashMap<>();
        jdbc.query("SELECT seq, event_id, tenant_id, hash, chain_position FROM audit_chain WHERE seq = ANY (?)",
                rs -> {
                    seals.put(rs.getLong("seq"), new Seal(rs.getString("event_id"), rs.getString("tenant_id"),
                            rs.getString("hash").trim(), rs.getLong("chain_position")));
                }, (Object) batch.stream().map(Pending::seq).toArray(Long[]::new));
        for (Pending record : batch) {
            Seal seal = seals.get(record.seq());
            boolean visible = seal != null && (tenantScope == null || tenantScope.equals(seal.tenantId()));
            if (startsAtFirstLeaf == null) {
                startsAtFirstLeaf = visible && seal.position() == firstPosition;
            }
            if (!visible) {
                problems.add("not_sealed", record.seq(), record.eventId(), record.line(),
                        "no event is sealed at this seq" + (seal == null ? "" : " for this tenant"));
                continue;
            }
            if (!seal.eventId().equals(record.eventId())) {
                problems.add("sealed_mismatch", record.seq(), record.eventId(), record.line(),
                        "the event sealed at this seq is " + seal.eventId() + ", not this record's");
                continue;
            }
            markPresent(seal);
            if (seal.hash().equals(record.hash())) {
                matched++;
            } else {
                problems.add("sealed_mismatch", record.seq(), record.eventId(), record.line(),
                        "hash " + record.hash() + " is not the sealed hash " + seal.hash());
            }
        }
        batch.clear();
    }

    private void markPresent(Seal seal) {
        long offset = seal.position() - firstPosition;
        if (offset >= 0 && offset < Integer.MAX_VALUE) {
            present.set((int) offset);
        }
        tenants.add(seal.tenantId() == null ? "\u0000" : seal.tenantId());
        spanFrom = spanFrom == null ? seal.position() : Math.min(spanFrom, seal.position());
        spanTo = spanTo == null ? seal.position() : Math.max(spanTo, seal.position());
    }

    Outcome finish(boolean checkLinks, AuditVerifier.Problems problems) {
        flush(problems);
        boolean allTenants = tenantScope == null && tenants.size() > 1;
        if (checkLinks && spanFrom != null) {
            findMissing(allTenants, problems);
        }
        String coverage;
        if (tenantScope != null || !allTenants) {
            coverage = "none: a checkpoint covers every tenant's events, this export holds one tenant's chain";
        } else if (!Boolean.TRUE.equals(startsAtFirstLeaf)) {
            coverage = "none: the export does not start at the first sealed event, so no root can be recomputed";
        } else {
            coverage = "full";
        }
        return checkpoints(coverage, problems);
    }

    /** Sealed events in the export's span (of its tenant, or of all tenants) that the export does not hold. */
    private void findMissing(boolean allTenants, AuditVerifier.Problems problems) {
        String tenant = tenantScope != null ? tenantScope
                : tenants.size() == 1 ? tenants.iterator().next() : null;
        String sql = "SELECT seq, event_id, chain_position FROM audit_chain WHERE chain_position BETWEEN ? AND ?";
        Object[] args;
        if (allTenants) {
            args = new Object[]{spanFrom, spanTo};
        } else if ("\u0000".equals(tenant)) {
            sql += " AND tenant_id IS NULL";
            args = new Object[]{spanFrom, spanTo};
        } else {
            sql += " AND tenant_id = ?";
            args = new Object[]{spanFrom, spanTo, tenant};
        }
        cursor.stream(sql + " ORDER BY chain_position", args, rs -> {
            long offset = rs.getLong("chain_position") - firstPosition;
            if (!present.get((int) offset)) {
                problems.add("missing_from_export", rs.getLong("seq"), rs.getString("event_id"), null,
                        "sealed between the export's first and last record, but not in the export");
            }
        });
    }

    private Outcome checkpoints(String coverage, AuditVerifier.Problems problems) {
        List<CheckpointCheck> listed = new ArrayList<>();
        int checkedCount = 0;
        int confirmed = 0;
        int anchors = 0;
        if (coverage.equals("full")) {
            checkedCount = nextCheckpoint;
            for (int i = nextCheckpoint - 1; i >= 0; i--) {
                CheckpointRow row = checkpoints.get(i);
                boolean matches = row.root().equals(recomputed[i]);
                if (matches) {
                    confirmed++;
                } else {
                    problems.add("checkpoint_mismatch", row.lastSeq(), null, null, "checkpoint " + row.number()
                            + ": the export's first " + row.treeSize() + " hashes give root " + recomputed[i]
                            + ", the checkpoint says " + row.root());
                }
                if (listed.size() < MAX_CHECKPOINTS) {
                    CheckpointCheck check = check(row, recomputed[i], matches);
                    anchors += check.anchorConfirmed() ? 1 : 0;
                    listed.add(check);
                }
            }
        }
        return new Outcome(matched, coverage, checkedCount, confirmed, anchors, listed);
    }

    private CheckpointCheck check(CheckpointRow row, String recomputedRoot, boolean matches) {
        AnchorSummary anchor = row.anchoringRequested() ? proofs.checkpoint(row.number()).anchor() : null;
        String anchoring = !row.anchoringRequested() ? AuditCheckpointView.NOT_CONFIGURED
                : anchor == null ? "requested" : anchor.status().name();
        boolean anchorConfirmed = matches && anchor != null && anchor.status() == AnchorStatus.CONFIRMED
                && Objects.equals(anchor.root(), "0x" + recomputedRoot);
        return new CheckpointCheck(row.number(), row.treeSize(), row.lastSeq(), row.root(), recomputedRoot, matches,
                anchoring, anchor == null ? null : anchor.txHash(), anchor == null ? null : anchor.chainId(),
                anchor == null ? null : anchor.blockNumber(), anchorConfirmed);
    }
}
