package io.p3protocol.kernel.crypto;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.security.SecureRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MlKem1024PublicKeyTest {
    private static final SecureRandom RANDOM = new SecureRandom();

    @Test
    void acceptsAGeneratedKeyAndKeepsItsBytes() {
        MlKem1024PublicKey key = MlKem1024KeyPair.generate(RANDOM).publicKey();
        assertThat(key.bytes()).hasSize(1568);
        assertThat(MlKem1024PublicKey.fromBase64(key.base64())).isEqualTo(key);
    }

    /** 1184 is an ML-KEM-768 key, 800 an ML-KEM-512 key. */
    @ParameterizedTest
    @ValueSource(ints = {0, 800, 1184, 1567, 1569})
    void refusesAnyOtherLength(int length) {
        assertThatThrownBy(() -> MlKem1024PublicKey.fromBytes(new byte[length]))
                .isInstanceOf(InvalidKeyMaterial.class).hasMessageContaining("1568 bytes");
    }

    @Test
    void refusesAnEvenCoefficientNotBelowQ() {
        byte[] key = MlKem1024KeyPair.generate(RANDOM).publicKey().bytes();
        // coefficient 10 lives in bytes 15 and the low nibble of 16; 3329 = 0xD01
        key[15] = 0x01;
        key[16] = (byte) ((key[16] & 0xf0) | 0x0d);
        assertThatThrownBy(() -> MlKem1024PublicKey.fromBytes(key))
                .isInstanceOf(InvalidKeyMaterial.class).hasMessageContaining("modulus check (coefficient 10 ");
    }

    @Test
    void refusesAnOddCoefficientNotBelowQ() {
        byte[] key = MlKem1024KeyPair.generate(RANDOM).publicKey().bytes();
        // the last coefficient (1023) is the high nibble of byte 1534 and byte 1535; 4095 is the largest 12-bit value
        key[1534] = (byte) (key[1534] | 0xf0);
        key[1535] = (byte) 0xff;
        assertThatThrownBy(() -> MlKem1024PublicKey.fromBytes(key))
                .isInstanceOf(InvalidKeyMaterial.class).hasMessageContaining("coefficient 1023 ");
    }

    @Test
    void acceptsTheLargestValidCoefficient() {
        byte[] key = MlKem1024KeyPair.generate(RANDOM).publicKey().bytes();
        key[0] = 0x00; // coefficient 0 = 3328 = 0xD00
        key[1] = (byte) ((key[1] & 0xf0) | 0x0d);
        assertThat(MlKem1024PublicKey.fromBytes(key).bytes()).isEqualTo(key);
    }

    @Test
    void theSeedOnlyPartOfTheKeyIsNotChecked() {
        byte[] key = MlKem1024KeyPair.generate(RANDOM).publicKey().bytes();
        for (int i = 1536; i < 1568; i++) {
            key[i] = (byte) 0xff; // rho is 32 arbitrary bytes
        }
        assertThat(MlKem1024PublicKey.fromBytes(key).bytes()).isEqualTo(key);
    }
}
