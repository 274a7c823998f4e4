package io.p3protocol.kernel.anchoring;

/** Anchoring of {@code root} was asked for; {@code attempt} is 1, then one more for each retry after a failure. */
public record AnchorRequestedEvent(String root, long count, String meta, int attempt) {
}
