package io.p3protocol.kernel.crypto;

import org.bouncycastle.crypto.kems.MLKEMGenerator;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The test vector published in docs/identity-keys.md, from fixed inputs. An independent implementation that
 * follows the documented byte layout must reproduce every value here (it was also checked against
 * {@code @noble/post-quantum}'s createKitchenSink). If this test fails, the wire format changed: that needs a new
 * label version, never an edit of the expected values.
 * <p>
 * Inputs: {@code seq(a, n)} is the n bytes a, a+1, ..., a+n-1.
 */
class HybridKemTestVectorTest {
    private static final HexFormat HEX = HexFormat.of();
    /** Recipient ML-KEM-1024 key from FIPS 203 KeyGen_internal(d || z = seq(0x00, 64)). */
    private static final MlKem1024KeyPair RECIPIENT_ML_KEM = MlKem1024KeyPair.fromSeed(seq(0x00, 64));
    private static final X25519KeyPair RECIPIENT_X25519 = X25519KeyPair.fromSecretKey(seq(0x40, 32));
    private static final byte[] EPHEMERAL_X25519_SECRET = seq(0x60, 32);
    /** FIPS 203 Encaps_internal's m. */
    private static final byte[] ML_KEM_MESSAGE = seq(0x80, 32);

    private static KemEncapsulation hybrid() {
        return HybridKem.encapsulate(RECIPIENT_X25519.publicKey(), RECIPIENT_ML_KEM.publicKey(),
                EPHEMERAL_X25519_SECRET, ML_KEM_MESSAGE);
    }

    @Test
    void theRecipientKeysAreTheDocumentedOnes() {
        assertThat(HEX.formatHex(RECIPIENT_X25519.publicKey().bytes()))
                .isEqualTo("79a631eede1bf9c98f12032cdeadd0e7a079398fc786b88cc846ec89af85a51a");
        assertThat(Sha256.hex(RECIPIENT_ML_KEM.publicKey().bytes()))
                .isEqualTo("c7b8fa0aa471d5ae18922d6ccad5b31e1d84f92ae723abfd13747018740a8530");
    }

    @Test
    void theComponentSecretsAreTheDocumentedOnes() {
        assertThat(HEX.formatHex(MLKEMGenerator.internalGenerateEncapsulated(
                RECIPIENT_ML_KEM.publicKey().parameters(), ML_KEM_MESSAGE).getSecret()))
                .isEqualTo("7d9404fdb9a12fafe778c3cec2c017de229fdb1c8564964830db5541970e8079");
        assertThat(HEX.formatHex(X25519KeyPair.fromSecretKey(EPHEMERAL_X25519_SECRET).agree(RECIPIENT_X25519.publicKey())))
                .isEqualTo("d6fb939511b2381bc8599b4b8edc5968829450dfd7a87aebe78a703cd04cd54e");
    }

    @Test
    void theHybridCiphertextsAreTheDocumentedOnes() {
        KemEncapsulation sent = hybrid();
        assertThat(HEX.formatHex(sent.x25519Ciphertext()))
                .isEqualTo("675dd574ed7789310b3d2e7681f3790b466c773b1521fecf36577958371ea52f");
        assertThat(Sha256.hex(sent.mlKemCiphertext()))
                .isEqualTo("ed94c4d368750d7afcae38a6e5a5d351840a8c66c6da49907f6ebfbdd402c2d3");
    }

    @Test
    void theHybridSecretAndItsConfirmationAreTheDocumentedOnes() {
        KemEncapsulation sent = hybrid();
        assertThat(HEX.formatHex(sent.sharedSecret()))
                .isEqualTo("cf120e90c5c08f8f133f9b2ceb3bd7a6c77165f32c981af8d35c90c6e598c2d7");
        assertThat(HEX.formatHex(KeyConfirmation.tag(sent.sharedSecret())))
                .isEqualTo("d76e1a8cd8d3ec32b38f7351ef3e13b6c74abad0aca30d8aec891197ceefe54e");
    }

    @Test
    void theRecipientDecapsulatesTheDocumentedHybridSecret() {
        KemEncapsulation sent = hybrid();
        assertThat(HEX.formatHex(HybridKem.decapsulate(RECIPIENT_X25519, RECIPIENT_ML_KEM, sent.x25519Ciphertext(),
                sent.mlKemCiphertext())))
                .isEqualTo("cf120e90c5c08f8f133f9b2ceb3bd7a6c77165f32c981af8d35c90c6e598c2d7");
    }

    @Test
    void theX25519FallbackSecretAndItsConfirmationAreTheDocumentedOnes() {
        KemEncapsulation sent = X25519Kem.encapsulate(RECIPIENT_X25519.publicKey(), EPHEMERAL_X25519_SECRET);
        assertThat(HEX.formatHex(sent.x25519Ciphertext()))
                .isEqualTo("675dd574ed7789310b3d2e7681f3790b466c773b1521fecf36577958371ea52f");
        assertThat(HEX.formatHex(sent.sharedSecret()))
                .isEqualTo("14b1fe3b9662a89018f4133995e1d62f05bf8b9773293c2f80c530d6341d49c3");
        assertThat(HEX.formatHex(KeyConfirmation.tag(sent.sharedSecret())))
                .isEqualTo("89f14272fb05299d405ba549b282988fdb74afaf12d5d1fcd2208b7639d2a184");
    }

    private static byte[] seq(int from, int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (from + i);
        }
        return bytes;
    }
}
