package io.p3protocol.kernel.ledger;

import io.p3protocol.kernel.messaging.TenantScoped;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.math.BigDecimal;

/** Record an amount in the tenant's ledger; allocations split it into buckets later. */
public record RecordLedgerEventCommand(@TargetAggregateIdentifier String ledgerEventId, String tenantId,
                                       BigDecimal amount, String currency, String memo) implements TenantScoped {
}
