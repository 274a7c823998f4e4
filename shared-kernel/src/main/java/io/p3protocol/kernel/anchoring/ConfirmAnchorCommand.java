package io.p3protocol.kernel.anchoring;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The anchoring transaction is mined in {@code blockNumber} and buried under at least the required depth. */
public record ConfirmAnchorCommand(@TargetAggregateIdentifier String root, String txHash, long blockNumber,
                                   String blockHash, long confirmations) {
}
