package io.p3protocol.kernel.guardian;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** End a guardian grant before its expiry (platform admin). */
public record RevokeGuardianGrantCommand(@TargetAggregateIdentifier String grantId, String reason) {
}
