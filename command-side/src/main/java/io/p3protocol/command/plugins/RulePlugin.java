package io.p3protocol.command.plugins;

/**
 * An in-process plugin that rules can emit events to ({@code plugin_emit} actions). Register one as a Spring bean;
 * the {@link PluginRegistry} finds it by {@link #id()}. A plugin can also be switched off by configuration
 * ({@code p3.rules.plugins.disabled}).
 */
public interface RulePlugin {
    /** The id {@code plugin_emit} actions name in {@code pluginId}. */
    String id();

    /** A plugin that is not enabled refuses emissions with the original's {@code Plugin <id> is not enabled}. */
    default boolean enabled() {
        return true;
    }

    /**
     * Handles one emission. Must be idempotent per {@link PluginEmit#emissionId()}: a failed execution is retried
     * and emits again. Failures the rule author should see are a failed {@link PluginResult}; exceptions are
     * treated as transient (the execution goes to the dead-letter queue and can be retried).
     */
    PluginResult emit(PluginEmit emission);
}
