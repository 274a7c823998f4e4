package io.p3protocol.kernel.anchoring;

/** Query: the anchor of a canonical root ({@link AnchorRoot}); answers an {@link AnchorSummary} or null. */
public record FindAnchor(String root) {
}
