package io.p3protocol.kernel.anchoring;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Anchor {@code root} (canonical, see {@link AnchorRoot}) with the number of leaves it covers and a free-text
 * {@code meta}. Idempotent: a root already requested, submitted or confirmed records nothing; a failed one is
 * retried. Answers {@link AnchorRequestOutcome}.
 */
public record RequestAnchorCommand(@TargetAggregateIdentifier String root, long count, String meta) {
}
