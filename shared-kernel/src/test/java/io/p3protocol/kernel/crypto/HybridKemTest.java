package io.p3protocol.kernel.crypto;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HybridKemTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static X25519KeyPair recipientX25519;
    private static MlKem1024KeyPair recipientMlKem;

    @BeforeAll
    static void recipient() {
        recipientX25519 = X25519KeyPair.generate(RANDOM);
        recipientMlKem = MlKem1024KeyPair.generate(RANDOM);
    }

    private static KemEncapsulation encapsulate() {
        return HybridKem.encapsulate(recipientX25519.publicKey(), recipientMlKem.publicKey(), RANDOM);
    }

    private static byte[] decapsulate(byte[] x25519Ciphertext, byte[] mlKemCiphertext) {
        return HybridKem.decapsulate(recipientX25519, recipientMlKem, x25519Ciphertext, mlKemCiphertext);
    }

    @Test
    void theRecipientDerivesTheSendersSecret() {
        KemEncapsulation sent = encapsulate();
        assertThat(sent.mode()).isEqualTo(KemMode.HYBRID);
        assertThat(sent.sharedSecret()).hasSize(32);
        assertThat(decapsulate(sent.x25519Ciphertext(), sent.mlKemCiphertext())).isEqualTo(sent.sharedSecret());
    }

    @Test
    void twoEncapsulationsGiveDifferentSecretsAndCiphertexts() {
        KemEncapsulation first = encapsulate();
        KemEncapsulation second = encapsulate();
        assertThat(first.sharedSecret()).isNotEqualTo(second.sharedSecret());
        assertThat(first.x25519Ciphertext()).isNotEqualTo(second.x25519Ciphertext());
        assertThat(first.mlKemCiphertext()).isNotEqualTo(second.mlKemCiphertext());
    }

    @Test
    void aFlippedByteInTheMlKemCiphertextChangesTheSecret() {
        KemEncapsulation sent = encapsulate();
        byte[] tampered = sent.mlKemCiphertext().clone();
        tampered[700] ^= 0x01;
        assertThat(decapsulate(sent.x25519Ciphertext(), tampered)).isNotEqualTo(sent.sharedSecret());
    }

    @Test
    void aFlippedByteInTheX25519CiphertextChangesTheSecret() {
        KemEncapsulation sent = encapsulate();
        byte[] tampered = sent.x25519Ciphertext().clone();
        tampered[5] ^= 0x01; // a different point; the top bit stays clear
        assertThat(decapsulate(tampered, sent.mlKemCiphertext())).isNotEqualTo(sent.sharedSecret());
    }

    @Test
    void decapsulatingWithOnlyTheX25519SecretDoesNotGiveTheSecret() {
        KemEncapsulation sent = encapsulate();
        assertThat(X25519Kem.decapsulate(recipientX25519, sent.x25519Ciphertext())).isNotEqualTo(sent.sharedSecret());
    }

    @Test
    void decapsulatingWithTheRightX25519KeyButAnotherMlKemKeyDoesNotGiveTheSecret() {
        KemEncapsulation sent = encapsulate();
        MlKem1024KeyPair stranger = MlKem1024KeyPair.generate(RANDOM);
        assertThat(HybridKem.decapsulate(recipientX25519, stranger, sent.x25519Ciphertext(), sent.mlKemCiphertext()))
                .isNotEqualTo(sent.sharedSecret());
    }

    @Test
    void decapsulatingWithAnotherX25519KeyDoesNotGiveTheSecret() {
        KemEncapsulation sent = encapsulate();
        X25519KeyPair stranger = X25519KeyPair.generate(RANDOM);
        assertThat(HybridKem.decapsulate(stranger, recipientMlKem, sent.x25519Ciphertext(), sent.mlKemCiphertext()))
                .isNotEqualTo(sent.sharedSecret());
    }

    @Test
    void anMlKemCiphertextOfTheWrongLengthIsRefused() {
        KemEncapsulation sent = encapsulate();
        assertThatThrownBy(() -> decapsulate(sent.x25519Ciphertext(), new byte[1088])) // an ML-KEM-768 ciphertext
                .isInstanceOf(InvalidKeyMaterial.class).hasMessageContaining("1568 bytes");
    }

    @Test
    void anX25519CiphertextOfTheWrongLengthIsRefused() {
        KemEncapsulation sent = encapsulate();
        assertThatThrownBy(() -> decapsulate(new byte[31], sent.mlKemCiphertext()))
                .isInstanceOf(InvalidKeyMaterial.class).hasMessageContaining("32 bytes");
    }

    @Test
    void aSmallOrderX25519CiphertextIsRefused() {
        KemEncapsulation sent = encapsulate();
        assertThatThrownBy(() -> decapsulate(new byte[32], sent.mlKemCiphertext()))
                .isInstanceOf(InvalidKeyMaterial.class).hasMessageContaining("small-order");
    }

    @Test
    void theKeyConfirmationTagsOfBothSidesMatchAndDifferFromTheSecret() {
        KemEncapsulation sent = encapsulate();
        byte[] received = decapsulate(sent.x25519Ciphertext(), sent.mlKemCiphertext());
        assertThat(KeyConfirmation.tag(received)).isEqualTo(KeyConfirmation.tag(sent.sharedSecret()))
                .isNotEqualTo(sent.sharedSecret());
    }

    @Test
    void theEncapsulationsTextFormNeverShowsTheSecret() {
        KemEncapsulation sent = encapsulate();
        assertThat(sent.toString()).doesNotContain(StrictBase64.encode(sent.sharedSecret()));
    }
}
