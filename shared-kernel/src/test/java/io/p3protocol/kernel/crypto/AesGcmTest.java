package io.p3protocol.kernel.crypto;

import org.junit.jupiter.api.Test;

import javax.crypto.SecretKey;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AesGcmTest {
    private static final byte[] PLAINTEXT = "attack at dawn".getBytes(StandardCharsets.UTF_8);
    private static final byte[] AAD = Aad.of("test", "tenant-1", "NAME", "1");
    private final SecretKey key = AesGcm.newKey();

    @Test
    void aSealedBoxOpensWithTheSameKeyAndAad() {
        assertThat(AesGcm.open(key, AesGcm.seal(key, PLAINTEXT, AAD), AAD)).isEqualTo(PLAINTEXT);
    }

    @Test
    void aBoxIsIvThenCiphertextThenA16ByteTag() {
        assertThat(AesGcm.seal(key, PLAINTEXT, AAD)).hasSize(12 + PLAINTEXT.length + 16);
    }

    @Test
    void everySealUsesAFreshIv() {
        byte[] first = AesGcm.seal(key, PLAINTEXT, AAD);
        byte[] second = AesGcm.seal(key, PLAINTEXT, AAD);
        assertThat(Arrays.copyOf(first, 12)).isNotEqualTo(Arrays.copyOf(second, 12));
        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void flippingAnyByteOfTheBoxIsRejected() {
        byte[] sealed = AesGcm.seal(key, PLAINTEXT, AAD);
        for (int i = 0; i < sealed.length; i++) {
            byte[] tampered = sealed.clone();
            tampered[i] ^= 0x01;
            assertThatThrownBy(() -> AesGcm.open(key, tampered, AAD)).as("byte " + i)
                    .isInstanceOf(SealedBoxRejected.class);
        }
    }

    @Test
    void anotherAadIsRejected() {
        byte[] sealed = AesGcm.seal(key, PLAINTEXT, AAD);
        assertThatThrownBy(() -> AesGcm.open(key, sealed, Aad.of("test", "tenant-1", "NAME", "2")))
                .isInstanceOf(SealedBoxRejected.class);
    }

    @Test
    void anotherKeyIsRejected() {
        byte[] sealed = AesGcm.seal(key, PLAINTEXT, AAD);
        assertThatThrownBy(() -> AesGcm.open(AesGcm.newKey(), sealed, AAD)).isInstanceOf(SealedBoxRejected.class);
    }

    @Test
    void aTruncatedBoxIsRejected() {
        assertThatThrownBy(() -> AesGcm.open(key, new byte[27], AAD)).isInstanceOf(SealedBoxRejected.class);
    }

    @Test
    void theCiphertextDoesNotContainThePlaintext() {
        String sealed = new String(AesGcm.seal(key, PLAINTEXT, AAD), StandardCharsets.ISO_8859_1);
        assertThat(sealed).doesNotContain("attack");
    }

    @Test
    void onlyA256BitKeyIsAccepted() {
        assertThatThrownBy(() -> AesGcm.key(new byte[16])).isInstanceOf(IllegalArgumentException.class);
    }
}
