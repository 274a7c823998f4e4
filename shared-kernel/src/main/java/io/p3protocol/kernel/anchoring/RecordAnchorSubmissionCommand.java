package io.p3protocol.kernel.anchoring;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The chain knows a transaction anchoring the root: one this service sent ({@code alreadyAnchored=false}), or an
 * earlier anchor of the same root found on chain ({@code alreadyAnchored=true}: the registry refuses duplicates).
 */
public record RecordAnchorSubmissionCommand(@TargetAggregateIdentifier String root, String txHash, long chainId,
                                            String contractAddress, boolean alreadyAnchored,
                                            int requiredConfirmations) {
}
