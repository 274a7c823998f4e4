package io.p3protocol.kernel.telemetry;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A page of one tenant's hashed IPs with their fraud signals over the window {@code [from, to)}, most suspicious
 * first (fraud score descending, then hashed IP); answered with an {@link IpFraudPage}.
 *
 * @param hashedIp      only this hashed IP; null for all
 * @param minScore      only IPs scoring at least this
 * @param afterScore    keyset position: continue after ({@code afterScore}, {@code afterHashedIp}); null to start
 */
public record FindIpFraudSignals(String tenantId, Instant from, Instant to, String hashedIp, BigDecimal minScore,
                                 BigDecimal afterScore, String afterHashedIp, int limit) {
}
