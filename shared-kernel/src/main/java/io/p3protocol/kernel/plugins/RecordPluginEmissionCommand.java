package io.p3protocol.kernel.plugins;

import com.fasterxml.jackson.databind.JsonNode;
import io.p3protocol.kernel.messaging.TenantScoped;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Record what a rule emitted through the journal plugin: the original's plugin event {@code {type, payload,
 * timestamp, source}}. {@code emissionId} is deterministic per execution and action, so a retry records nothing new.
 */
public record RecordPluginEmissionCommand(@TargetAggregateIdentifier String emissionId, String tenantId,
                                          String pluginId, String type, JsonNode payload, Instant timestamp,
                                          String source) implements TenantScoped {
}
