package io.p3protocol.kernel.crypto;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AadTest {
    @Test
    void fieldBoundariesAreUnambiguous() {
        assertThat(Aad.of("a|b", "c")).isNotEqualTo(Aad.of("a", "b|c"));
        assertThat(Aad.of("ab", "")).isNotEqualTo(Aad.of("a", "b"));
    }

    @Test
    void eachFieldIsItsLengthThenItsUtf8Bytes() {
        assertThat(Aad.of("é")).containsExactly(0, 0, 0, 2, 0xC3 - 256, 0xA9 - 256);
    }
}
