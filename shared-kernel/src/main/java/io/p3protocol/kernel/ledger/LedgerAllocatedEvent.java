package io.p3protocol.kernel.ledger;

import io.p3protocol.kernel.messaging.TenantScoped;

import java.math.BigDecimal;
import java.util.List;

public record LedgerAllocatedEvent(String ledgerEventId, String tenantId, String allocationId,
                                   List<AllocationRow> allocations, BigDecimal totalAmount, String policyRef)
        implements TenantScoped {
}
