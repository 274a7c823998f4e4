package io.p3protocol.kernel.anchoring;

/**
 * A transaction anchoring the root is on chain {@code chainId}, registry {@code contractAddress}.
 * {@code alreadyAnchored}: the root had been anchored before (by this or any other sender), and {@code txHash} is that
 * earlier transaction; none was sent. It is confirmed once {@code requiredConfirmations} blocks cover it.
 */
public record AnchorSubmittedEvent(String root, String txHash, long chainId, String contractAddress,
                                   boolean alreadyAnchored, int requiredConfirmations) {
}
