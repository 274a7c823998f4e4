package io.p3protocol.kernel.telemetry;

import io.p3protocol.kernel.messaging.TenantScoped;

import java.util.List;

/**
 * Store one HTTP request's telemetry (1 to 1000 events) for a tenant: one command per batch, handled without
 * loading any aggregate. Answers the stored events' ids, in order.
 */
public record RecordTelemetryCommand(String tenantId, List<PseudonymousTelemetry> events) implements TenantScoped {
    public RecordTelemetryCommand {
        events = List.copyOf(events);
    }
}
