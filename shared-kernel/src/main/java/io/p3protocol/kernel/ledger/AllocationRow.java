package io.p3protocol.kernel.ledger;

import java.math.BigDecimal;

/** The original's ledger_allocations row: {@code amount = ledger amount * percent / 100}. */
public record AllocationRow(String bucket, BigDecimal percent, BigDecimal amount) {
}
