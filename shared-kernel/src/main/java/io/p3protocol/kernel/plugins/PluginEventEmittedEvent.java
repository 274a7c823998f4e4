package io.p3protocol.kernel.plugins;

import com.fasterxml.jackson.databind.JsonNode;
import io.p3protocol.kernel.messaging.TenantScoped;

import java.time.Instant;

public record PluginEventEmittedEvent(String emissionId, String tenantId, String pluginId, String type,
                                      JsonNode payload, Instant timestamp, String source) implements TenantScoped {
}
