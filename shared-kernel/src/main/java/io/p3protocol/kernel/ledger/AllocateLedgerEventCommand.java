package io.p3protocol.kernel.ledger;

import io.p3protocol.kernel.messaging.TenantScoped;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/**
 * Split a ledger event's amount into buckets. {@code allocationId} names this allocation (a rule action uses
 * {@code <executionId>#<action index>}): allocating with an id already used returns the earlier allocation and
 * records nothing, so a retried action never allocates twice. Answer: {@link LedgerAllocation}.
 */
public record AllocateLedgerEventCommand(@TargetAggregateIdentifier String ledgerEventId, String tenantId,
                                         String allocationId, List<AllocationShare> shares, String policyRef)
        implements TenantScoped {
}
