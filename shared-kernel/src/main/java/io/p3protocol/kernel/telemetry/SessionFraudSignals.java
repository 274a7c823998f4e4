package io.p3protocol.kernel.telemetry;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * One session's fraud signals (see docs/telemetry.md). {@code uaChanges} counts User-Agent hash changes between
 * consecutive events of one hash epoch; {@code hashedIps} are the IPs the session came from.
 */
public record SessionFraudSignals(String tenantId, String sessionId, Instant firstSeen, Instant lastSeen,
                                  long events, int uaChanges, List<String> hashedIps, BigDecimal hijackSignal,
                                  BigDecimal ipSwitchSignal, BigDecimal fraudScore) {
}
