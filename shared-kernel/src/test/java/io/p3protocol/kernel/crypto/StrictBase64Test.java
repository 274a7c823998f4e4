package io.p3protocol.kernel.crypto;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StrictBase64Test {

    @Test
    void readsCanonicalStandardBase64() {
        assertThat(StrictBase64.decode("AAEC/w==")).containsExactly(0, 1, 2, 0xff);
    }

    @Test
    void refusesMissingPadding() {
        assertThatThrownBy(() -> StrictBase64.decode("AAEC/w")).isInstanceOf(InvalidKeyMaterial.class);
    }

    @Test
    void refusesTheUrlSafeAlphabet() {
        assertThatThrownBy(() -> StrictBase64.decode("AAEC_w==")).isInstanceOf(InvalidKeyMaterial.class);
    }

    @Test
    void refusesWhitespace() {
        assertThatThrownBy(() -> StrictBase64.decode("AAEC /w==")).isInstanceOf(InvalidKeyMaterial.class);
    }

    @Test
    void refusesNonZeroBitsAfterTheLastByte() {
        // "AAEC/x==" decodes to the same four bytes as "AAEC/w==" in a lenient decoder
        assertThatThrownBy(() -> StrictBase64.decode("AAEC/x==")).isInstanceOf(InvalidKeyMaterial.class);
    }

    @Test
    void refusesHex() {
        assertThatThrownBy(() -> StrictBase64.decode("0x00ff")).isInstanceOf(InvalidKeyMaterial.class);
    }
}
