package io.p3protocol.kernel.anchoring;

/** What a {@link RequestAnchorCommand} did: {@code newAttempt} is false when the root was already under way or done. */
public record AnchorRequestOutcome(String root, AnchorStatus status, boolean newAttempt) {
}
