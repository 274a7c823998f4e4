package io.p3protocol.kernel.payments;

import io.p3protocol.kernel.messaging.TenantScoped;

/**
 * A tenant asked for a transfer. Nothing is sent on any chain yet: settlement will act on this event.
 *
 * @param chain  lower-case chain name
 * @param to     lower-case EVM address
 * @param amount positive decimal number as text, as given
 */
public record TransferRequestedEvent(String transferId, String tenantId, String chain, String to, String amount)
        implements TenantScoped {
}
