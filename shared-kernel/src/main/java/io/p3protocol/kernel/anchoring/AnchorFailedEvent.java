package io.p3protocol.kernel.anchoring;

/** No anchor for this attempt, with the reason (chain unreachable, transaction reverted, anchoring not configured). */
public record AnchorFailedEvent(String root, int attempt, String reason) {
}
