package io.p3protocol.kernel.apikeys;

import io.p3protocol.kernel.messaging.TenantScoped;

/**
 * The key used up its monthly quota: its further requests this UTC month ({@code YYYY-MM}) are refused with 429
 * {@code quota_exceeded}. Recorded once per key and month; the requests themselves are metered, not recorded.
 */
public record ApiKeyQuotaExhaustedEvent(String keyId, String tenantId, String month, long quotaMonthly)
        implements TenantScoped {
}
