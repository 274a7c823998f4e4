package io.p3protocol.command.rules.webhook;

import io.p3protocol.kernel.errors.InvalidInput;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AllowedHostsTest {

    @Test
    void entriesAreNormalisedAndDeduplicated() {
        assertThat(AllowedHosts.parse(List.of("Hooks.Example.COM.", "127.0.0.1", "[::1]", "hooks.example.com")))
                .containsExactly("hooks.example.com", "127.0.0.1", "::1");
    }

    @Test
    void urlsWildcardsAndPortsAreRefusedWithTheirIndex() {
        assertThatThrownBy(() -> AllowedHosts.parse(List.of("ok.example", "http://x.example", "*.example",
                "x.example:80")))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.errors())
                        .extracting(InvalidInput.FieldError::field)
                        .containsExactly("hosts[1]", "hosts[2]", "hosts[3]"));
    }
}
