package io.p3protocol.kernel.telemetry;

import io.p3protocol.kernel.messaging.HighVolume;
import io.p3protocol.kernel.messaging.TenantScoped;

import java.time.Instant;

/**
 * One telemetry event, stored. It carries hashes only (see {@link PseudonymousTelemetry}); the time the service
 * received it is the event's own timestamp, which the fraud windows use because a client cannot choose it.
 */
public record TelemetryRecordedEvent(String tenantId, TelemetryEventType eventType, String sessionId,
                                     boolean sessionAssigned, String hashedIp, String uaHash, int hashEpoch,
                                     String wallet, String geoRegion, String device, Instant occurredAt)
        implements TenantScoped, HighVolume {

    public static TelemetryRecordedEvent of(String tenantId, PseudonymousTelemetry t) {
        return new TelemetryRecordedEvent(tenantId, t.eventType(), t.sessionId(), t.sessionAssigned(), t.hashedIp(),
                t.uaHash(), t.hashEpoch(), t.wallet(), t.geoRegion(), t.device(), t.occurredAt());
    }
}
