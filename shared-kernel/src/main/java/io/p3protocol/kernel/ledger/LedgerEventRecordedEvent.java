package io.p3protocol.kernel.ledger;

import io.p3protocol.kernel.messaging.TenantScoped;

import java.math.BigDecimal;

public record LedgerEventRecordedEvent(String ledgerEventId, String tenantId, BigDecimal amount, String currency,
                                       String memo) implements TenantScoped {
}
