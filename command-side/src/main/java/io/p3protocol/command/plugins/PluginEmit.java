package io.p3protocol.command.plugins;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/**
 * What a rule emits to a plugin: the original's {@code {type, payload, timestamp, source: 'rule:<ruleId>'}}, plus
 * the tenant and an id that is the same on every retry of the same action of the same execution.
 */
public record PluginEmit(String emissionId, String tenantId, String type, JsonNode payload, Instant timestamp,
                         String source) {
}
