package io.p3protocol.kernel.identity;

import io.p3protocol.kernel.messaging.TenantScoped;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Withdraw a wallet's keys: nothing may be encapsulated to them any more. */
public record RevokeIdentityKeysCommand(@TargetAggregateIdentifier String identityId, String tenantId,
                                        WalletAddress wallet, String reason) implements TenantScoped {
}
