package io.p3protocol.command.plugins;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class PluginRegistryTest {
    private static RulePlugin plugin(String id, boolean enabled) {
        return new RulePlugin() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public boolean enabled() {
                return enabled;
            }

            @Override
            public PluginResult emit(PluginEmit emission) {
                return PluginResult.ok(null);
            }
        };
    }

    @Test
    void withoutAnyPluginThePluginSystemIsNotAvailable() {
        assertThat(new PluginRegistry(List.of(), Set.of()).find("journal").error())
                .isEqualTo("Plugin system not available");
    }

    @Test
    void anUnknownPluginIsNotFound() {
        assertThat(new PluginRegistry(List.of(plugin("journal", true)), Set.of()).find("nope").error())
                .isEqualTo("Plugin nope not found");
    }

    @Test
    void aPluginThatSaysItIsDisabledIsNotEnabled() {
        assertThat(new PluginRegistry(List.of(plugin("p", false)), Set.of()).find("p").error())
                .isEqualTo("Plugin p is not enabled");
    }

    @Test
    void aPluginSwitchedOffByConfigurationIsNotEnabled() {
        assertThat(new PluginRegistry(List.of(plugin("journal", true)), Set.of("journal")).find("journal").error())
                .isEqualTo("Plugin journal is not enabled");
    }

    @Test
    void anEnabledPluginIsFound() {
        RulePlugin journal = plugin("journal", true);
        assertThat(new PluginRegistry(List.of(journal), Set.of()).find("journal").plugin()).isSameAs(journal);
    }
}
