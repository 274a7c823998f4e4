package io.p3protocol.kernel.anchoring;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Anchoring the root did not happen, and why (never a made-up transaction hash). */
public record RecordAnchorFailureCommand(@TargetAggregateIdentifier String root, String reason) {
}
