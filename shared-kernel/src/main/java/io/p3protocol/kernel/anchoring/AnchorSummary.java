package io.p3protocol.kernel.anchoring;

import java.time.Instant;

/**
 * An anchor as the read model knows it. {@code txHash}, {@code chainId} and {@code contractAddress} are null until a
 * chain node has accepted (or already held) a transaction; {@code blockNumber}, {@code blockHash} and
 * {@code confirmations} until it is confirmed; {@code failureReason} unless it failed.
 */
public record AnchorSummary(String root, long count, String meta, AnchorStatus status, int attempt, String txHash,
                            Long chainId, String contractAddress, boolean alreadyAnchored,
                            Integer requiredConfirmations, Long blockNumber, String blockHash, Long confirmations,
                            String failureReason, Instant requestedAt, Instant updatedAt) {
}
