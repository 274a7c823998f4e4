package io.p3protocol.kernel.crypto;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class Sha256HexDigestTest {
    private static final String DIGEST = "0123456789abcdef".repeat(4);

    @Test
    void sixtyFourLowerCaseHexDigitsAreADigest() {
        assertThat(Sha256.isHexDigest(DIGEST)).isTrue();
        assertThat(Sha256.isHexDigest(Sha256.hex("anything"))).isTrue();
    }

    @Test
    void anythingElseIsNot() {
        assertThat(Sha256.isHexDigest(DIGEST.substring(1))).isFalse();
        assertThat(Sha256.isHexDigest(DIGEST + "0")).isFalse();
        assertThat(Sha256.isHexDigest(DIGEST.toUpperCase())).isFalse();
        assertThat(Sha256.isHexDigest(DIGEST.substring(1) + "g")).isFalse();
        assertThat(Sha256.isHexDigest(DIGEST.substring(1) + "/")).isFalse();
        assertThat(Sha256.isHexDigest(DIGEST.substring(1) + "٣")).isFalse();
        assertThat(Sha256.isHexDigest("")).isFalse();
        assertThat(Sha256.isHexDigest(null)).isFalse();
    }
}
