package io.p3protocol.kernel.usage;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;

/**
 * A key's usage in one UTC month, shaped as the original's {@code GET /:id/usage} (spec F7).
 *
 * @param status the key's status in lower case ({@code active}, {@code revoked}, {@code expired})
 */
public record ApiKeyUsage(String keyId, String tenantId, String status, long quotaMonthly, Period period,
                          Usage usage) {

    /** The month: from the 1st 00:00 UTC to the last day 23:59:59.999 UTC. */
    public record Period(Instant start, Instant end) {
    }

    /**
     * @param percentUsed total / quota × 100 with two decimals, as a string ("12.50"), like the original
     * @param byEndpoint  per route template, most used first
     */
    public record Usage(long total, long remaining, String percentUsed, List<EndpointUsage> byEndpoint) {
        public Usage {
            byEndpoint = List.copyOf(byEndpoint);
        }

        public static Usage of(long total, long quota, List<EndpointUsage> byEndpoint) {
            String percent = quota <= 0 ? "0.00" : BigDecimal.valueOf(total).multiply(BigDecimal.valueOf(100))
                    .divide(BigDecimal.valueOf(quota), 2, RoundingMode.HALF_UP).toPlainString();
            return new Usage(total, Math.max(0, quota - total), percent, byEndpoint);
        }
    }

    public record EndpointUsage(String endpoint, long count, Instant lastHitAt) {
    }
}
