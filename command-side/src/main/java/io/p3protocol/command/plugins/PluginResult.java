package io.p3protocol.command.plugins;

import com.fasterxml.jackson.databind.JsonNode;

/** A plugin's answer; success decides the action's success, as in the original. */
public record PluginResult(boolean success, JsonNode result, String error) {
    public static PluginResult ok(JsonNode result) {
        return new PluginResult(true, result, null);
    }

    public static PluginResult failed(String error) {
        return new PluginResult(false, null, error);
    }
}
