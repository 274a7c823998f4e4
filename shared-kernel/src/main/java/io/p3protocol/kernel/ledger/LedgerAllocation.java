package io.p3protocol.kernel.ledger;

import java.math.BigDecimal;
import java.util.List;

/** The answer to an allocation: the rows, the ledger event's amount, and whether it had already been made. */
public record LedgerAllocation(String ledgerEventId, String allocationId, List<AllocationRow> allocations,
                               BigDecimal totalAmount, String policyRef, boolean alreadyAllocated) {
}
