package io.p3protocol.kernel.telemetry;

import java.time.Instant;

/**
 * One telemetry event as it enters the command bus: the client's IP address and User-Agent are already replaced
 * by their keyed hashes, so neither ever reaches a message, the event store or a log.
 *
 * @param eventType        what happened
 * @param sessionId        the client's session id, or a random UUID the service assigned
 * @param sessionAssigned  true when the service generated {@code sessionId} (the client sent none)
 * @param hashedIp         hex HMAC-SHA256 of the client IP under the tenant's {@code IP_SALT}
 * @param uaHash           hex HMAC-SHA256 of the User-Agent under the same key; null when no User-Agent was sent
 * @param hashEpoch        the {@code IP_SALT} version both hashes were made with
 * @param wallet           the wallet the client named, or null
 * @param geoRegion        the region the client named, or null (the service never geolocates the IP)
 * @param device           mobile, tablet, desktop, bot or unknown; null when not given
 * @param occurredAt       the client's timestamp, or the time the service received the event
 */
public record PseudonymousTelemetry(TelemetryEventType eventType, String sessionId, boolean sessionAssigned,
                                    String hashedIp, String uaHash, int hashEpoch, String wallet, String geoRegion,
                                    String device, Instant occurredAt) {
}
