package io.p3protocol.kernel.audit;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Record checkpoint {@code number}: the RFC 6962 Merkle root over the first {@code treeSize} sealed audit hashes (in
 * sealing order), extending checkpoint {@code number - 1} of {@code previousTreeSize} leaves. Sent only by the
 * checkpointer, which computed the root; {@code anchoringRequested} says whether the root is sent for anchoring.
 */
public record CutAuditCheckpointCommand(@TargetAggregateIdentifier String checkpointId, long number,
                                        long previousTreeSize, long treeSize, long firstSeq, long lastSeq,
                                        String root, boolean anchoringRequested) {
}
