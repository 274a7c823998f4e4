package io.p3protocol.kernel.ledger;

import java.math.BigDecimal;

/** One requested share of an allocation: a bucket and a percentage of the ledger event's amount. */
public record AllocationShare(String bucket, BigDecimal percent) {
}
