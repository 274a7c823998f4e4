package io.p3protocol.kernel.audit;

/**
 * Checkpoint {@code number} ({@code checkpointId} = {@link AuditCheckpointIds#of}): the Merkle root (64 lower-case
 * hex digits) over sealed audit hashes {@code [0, treeSize)} in sealing order. Its new leaves, {@code
 * [previousTreeSize, treeSize)}, are the events sealed first with {@code firstSeq} and last with {@code lastSeq}.
 * {@code anchoringRequested} is false when anchoring was not configured at the time: then no anchor exists.
 */
public record AuditCheckpointCutEvent(String checkpointId, long number, long previousTreeSize, long treeSize,
                                      long firstSeq, long lastSeq, String root, boolean anchoringRequested) {
}
