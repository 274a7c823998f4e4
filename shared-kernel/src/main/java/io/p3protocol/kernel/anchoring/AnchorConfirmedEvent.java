package io.p3protocol.kernel.anchoring;

/** The anchor is final: mined in {@code blockNumber}/{@code blockHash}, seen under {@code confirmations} blocks. */
public record AnchorConfirmedEvent(String root, String txHash, long blockNumber, String blockHash,
                                   long confirmations) {
}
