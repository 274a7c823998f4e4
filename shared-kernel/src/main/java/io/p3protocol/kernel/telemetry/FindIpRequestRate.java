package io.p3protocol.kernel.telemetry;

import java.time.Instant;

/** A hashed IP's events per minute over {@code [from, to)}, oldest first; answered with a list of {@link MinuteCount}. */
public record FindIpRequestRate(String tenantId, String hashedIp, Instant from, Instant to) {
}
