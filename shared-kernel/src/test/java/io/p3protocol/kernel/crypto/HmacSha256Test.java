package io.p3protocol.kernel.crypto;

import org.junit.jupiter.api.Test;

import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HmacSha256Test {

    @Test
    void matchesRfc4231TestCase2() {
        HmacSha256 mac = new HmacSha256("Jefe".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        assertThat(mac.hex("what do ya want for nothing?"))
                .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    @Test
    void matchesRfc4231TestCase1() {
        HmacSha256 mac = new HmacSha256(HexFormat.of().parseHex("0b".repeat(20)));
        assertThat(mac.hex("Hi There"))
                .isEqualTo("b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
    }

    @Test
    void refusesAnEmptyKey() {
        assertThatThrownBy(() -> new HmacSha256(new byte[0])).isInstanceOf(IllegalArgumentException.class);
    }
}
