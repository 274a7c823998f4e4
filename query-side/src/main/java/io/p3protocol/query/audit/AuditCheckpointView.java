package io.p3protocol.query.audit;

import io.p3protocol.kernel.anchoring.AnchorSummary;

import java.time.Instant;

/**
 * A Merkle checkpoint as served: the tree of the first {@code treeSize} sealed hashes, its new leaves sealed from
 * {@code firstSeq} to {@code lastSeq}. {@code anchoring} is {@code "not configured"} when anchoring was off when it
 * was cut (then {@code anchor} is null and no transaction exists), otherwise the anchor's status
 * ({@code REQUESTED}, {@code SUBMITTED}, {@code CONFIRMED}, {@code FAILED}), or {@code "requested"} until the anchor
 * view has it.
 */
public record AuditCheckpointView(long id, long treeSize, long firstSeq, long lastSeq, String root, Instant createdAt,
                                  String anchoring, AnchorSummary anchor) {
    public static final String NOT_CONFIGURED = "not configured";
}
