package io.p3protocol.command.plugins;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The plugins rules can emit to: every {@link RulePlugin} bean. Looking one up fails with the original's messages,
 * in its order: {@code Plugin system not available} (no plugin is registered at all), {@code Plugin <id> not found},
 * {@code Plugin <id> is not enabled} (the plugin says so, or its id is listed in {@code p3.rules.plugins.disabled}).
 */
@Component
public class PluginRegistry {
    private final Map<String, RulePlugin> plugins = new LinkedHashMap<>();
    private final Set<String> disabled;

    public PluginRegistry(List<RulePlugin> plugins, @Value("${p3.rules.plugins.disabled:}") Set<String> disabled) {
        for (RulePlugin plugin : plugins) {
            if (this.plugins.putIfAbsent(plugin.id(), plugin) != null) {
                throw new IllegalStateException("two rule plugins share the id " + plugin.id());
            }
        }
        this.disabled = Set.copyOf(disabled);
    }

    /** The plugin, or the original's error message for why it cannot be used. */
    public Lookup find(String pluginId) {
        if (plugins.isEmpty()) {
            return new Lookup(null, "Plugin system not available");
        }
        RulePlugin plugin = plugins.get(pluginId);
        if (plugin == null) {
            return new Lookup(null, "Plugin " + pluginId + " not found");
        }
        if (!plugin.enabled() || disabled.contains(pluginId)) {
            return new Lookup(null, "Plugin " + pluginId + " is not enabled");
        }
        return new Lookup(plugin, null);
    }

    public record Lookup(RulePlugin plugin, String error) {
    }
}
