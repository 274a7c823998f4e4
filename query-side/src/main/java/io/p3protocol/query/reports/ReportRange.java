package io.p3protocol.query.reports;

import io.p3protocol.query.audit.AuditCheckpointView;

/**
 * The stretch of the event store a report run read, stated so a reader can check the report independently: the
 * events stamped at or before {@code asOf}, from global sequence number {@code firstSeq} to {@code lastSeq} (all
 * tenants: the Merkle tree covers every tenant, a tenant run replays only its own events out of this range).
 *
 * @param events             event rows in the range
 * @param checkpoint         the latest Merkle checkpoint whose last sealed event is at or before {@code lastSeq}:
 *                           its root (and anchor: transaction hash, chain, block) fixes the history up to there;
 *                           null before the first such checkpoint
 * @param coveringCheckpoint the first checkpoint that covers {@code lastSeq} (the whole range), or null while none
 *                           does yet; the same as {@code checkpoint} when one ends exactly at {@code lastSeq}
 */
public record ReportRange(Long firstSeq, Long lastSeq, long events, AuditCheckpointView checkpoint,
                          AuditCheckpointView coveringCheckpoint) {

    /** The Merkle root that vouches for the whole range, if a checkpoint covers it yet. */
    public String coveringRoot() {
        return coveringCheckpoint == null ? null : coveringCheckpoint.root();
    }
}
