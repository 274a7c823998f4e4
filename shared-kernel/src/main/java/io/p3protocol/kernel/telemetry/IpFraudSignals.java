package io.p3protocol.kernel.telemetry;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One hashed IP's fraud signals over a window (see docs/telemetry.md for the formulas). Each signal is in [0, 1].
 *
 * @param hashEpoch             the IP_SALT version of {@code hashedIp}
 * @param events                telemetry events from this IP in the window
 * @param peakRequestsPerMinute the busiest minute's event count
 * @param distinctWallets       wallets named by events from this IP in the window
 * @param hijackedSessions      sessions seen from this IP in the window whose User-Agent hash changed
 */
public record IpFraudSignals(String tenantId, String hashedIp, int hashEpoch, Instant windowFrom, Instant windowTo,
                             long events, long peakRequestsPerMinute, long distinctWallets, long hijackedSessions,
                             Instant firstMinute, Instant lastMinute, BigDecimal sybilSignal, BigDecimal rateSignal,
                             BigDecimal hijackSignal, BigDecimal fraudScore) {
}
