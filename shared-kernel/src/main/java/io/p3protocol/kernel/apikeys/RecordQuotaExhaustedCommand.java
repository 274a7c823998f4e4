package io.p3protocol.kernel.apikeys;

import io.p3protocol.kernel.messaging.RetriedOnConflict;
import io.p3protocol.kernel.messaging.TenantScoped;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The metering saw the key use the last request of its monthly quota. Sent once per key and month by the node that
 * counted that request (the counter is exact, so exactly one request reaches the quota); the key records it once
 * even if it were sent again.
 *
 * @param month        the UTC month, {@code YYYY-MM}
 * @param quotaMonthly the quota that was used up
 */
public record RecordQuotaExhaustedCommand(@TargetAggregateIdentifier String keyId, String tenantId, String month,
                                          long quotaMonthly) implements TenantScoped, RetriedOnConflict {
}
