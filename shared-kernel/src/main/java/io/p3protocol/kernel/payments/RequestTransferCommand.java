package io.p3protocol.kernel.payments;

import io.p3protocol.kernel.messaging.ChainTargeted;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Ask for a transfer of {@code amount} to {@code to} on {@code chain}. Chain-targeted: a sandboxed tenant may only
 * name a testnet.
 *
 * @param chain  as the caller named it (any case), or null; the sandbox check sees it before anything else does
 * @param to     an EVM address
 * @param amount a positive decimal number, as text (no float rounding)
 */
public record RequestTransferCommand(@TargetAggregateIdentifier String transferId, String tenantId, String chain,
                                     String to, String amount) implements ChainTargeted {
}
