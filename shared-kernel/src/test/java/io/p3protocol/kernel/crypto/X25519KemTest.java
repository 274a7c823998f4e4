package io.p3protocol.kernel.crypto;

import org.junit.jupiter.api.Test;

import java.security.SecureRandom;

import static org.assertj.core.api.Assertions.assertThat;

class X25519KemTest {
    private static final SecureRandom RANDOM = new SecureRandom();

    @Test
    void theRecipientDerivesTheSendersSecret() {
        X25519KeyPair recipient = X25519KeyPair.generate(RANDOM);
        KemEncapsulation sent = X25519Kem.encapsulate(recipient.publicKey(), RANDOM);
        assertThat(sent.mode()).isEqualTo(KemMode.X25519);
        assertThat(sent.mlKemCiphertext()).isNull();
        assertThat(X25519Kem.decapsulate(recipient, sent.x25519Ciphertext())).isEqualTo(sent.sharedSecret());
    }

    @Test
    void aFlippedCiphertextByteChangesTheSecret() {
        X25519KeyPair recipient = X25519KeyPair.generate(RANDOM);
        KemEncapsulation sent = X25519Kem.encapsulate(recipient.publicKey(), RANDOM);
        byte[] tampered = sent.x25519Ciphertext().clone();
        tampered[9] ^= 0x01;
        assertThat(X25519Kem.decapsulate(recipient, tampered)).isNotEqualTo(sent.sharedSecret());
    }

    @Test
    void theSecretIsNotTheRawX25519Output() {
        X25519KeyPair recipient = X25519KeyPair.generate(RANDOM);
        KemEncapsulation sent = X25519Kem.encapsulate(recipient.publicKey(), RANDOM);
        byte[] raw = recipient.agree(X25519PublicKey.fromBytes(sent.x25519Ciphertext()));
        assertThat(sent.sharedSecret()).isNotEqualTo(raw);
    }
}
