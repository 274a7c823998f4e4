package io.p3protocol.kernel.crypto;

import com.fasterxml.jackson.databind.JsonNode;
import org.bouncycastle.crypto.SecretWithEncapsulation;
import org.bouncycastle.crypto.kems.MLKEMGenerator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.util.Map;

import static io.p3protocol.kernel.crypto.NobleKem.bytes;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Interop with an independent implementation, {@code @noble/post-quantum} (pinned in tools/noble/package.json):
 * FIPS 203 ML-KEM-1024 in both directions, and our hybrid against noble's own KitchenSink construction with our
 * label. Skipped without tools/noble/node_modules, forced by {@code P3_REQUIRE_NOBLE=1} (see {@link NobleKem}).
 */
class MlKemNobleInteropTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private NobleKem noble;

    @BeforeEach
    void noble() {
        noble = NobleKem.requireInstalled();
    }

    @Test
    void nobleEncapsulatesToAJavaKeyAndJavaDecapsulatesTheSameSecret() throws Exception {
        MlKem1024KeyPair java = MlKem1024KeyPair.generate(RANDOM);
        JsonNode sent = noble.run(Map.of("op", "mlkem-encapsulate", "publicKey", java.publicKey().bytes()));
        assertThat(java.decapsulate(bytes(sent, "cipherText"))).isEqualTo(bytes(sent, "sharedSecret"));
    }

    @Test
    void javaEncapsulatesToANobleKeyAndNobleDecapsulatesTheSameSecret() throws Exception {
        JsonNode keys = noble.run(Map.of("op", "mlkem-keygen", "seed", random(64)));
        MlKem1024PublicKey nobleKey = MlKem1024PublicKey.fromBytes(bytes(keys, "publicKey"));
        SecretWithEncapsulation sent = new MLKEMGenerator(RANDOM).generateEncapsulated(nobleKey.parameters());
        JsonNode received = noble.run(Map.of("op", "mlkem-decapsulate", "cipherText", sent.getEncapsulation(),
                "secretKey", bytes(keys, "secretKey")));
        assertThat(bytes(received, "sharedSecret")).isEqualTo(sent.getSecret());
    }

    @Test
    void bothDeriveTheSameKeyFromTheSameSeed() throws Exception {
        byte[] seed = random(64);
        JsonNode keys = noble.run(Map.of("op", "mlkem-keygen", "seed", seed));
        assertThat(MlKem1024KeyPair.fromSeed(seed).publicKey().bytes()).isEqualTo(bytes(keys, "publicKey"));
    }

    @Test
    void nobleAlsoRefusesAKeyThatFailsTheModulusCheck() throws Exception {
        byte[] key = MlKem1024KeyPair.generate(RANDOM).publicKey().bytes();
        key[0] = (byte) 0xff;
        key[1] = (byte) (key[1] | 0x0f); // coefficient 0 = 4095
        NobleKem.Failure failure = noble.runExpectingFailure(Map.of("op", "mlkem-encapsulate", "publicKey", key));
        assertThat(failure.stderr()).isNotBlank();
    }

    @Test
    void nobleKitchenSinkEncapsulatesToJavaKeysAndJavaDecapsulatesTheSameSecret() throws Exception {
        X25519KeyPair javaX25519 = X25519KeyPair.generate(RANDOM);
        MlKem1024KeyPair javaMlKem = MlKem1024KeyPair.generate(RANDOM);
        JsonNode sent = noble.run(Map.of("op", "hybrid-encapsulate", "label", HybridKem.LABEL,
                "mlKemPublicKey", javaMlKem.publicKey().bytes(), "x25519PublicKey", javaX25519.publicKey().bytes()));
        byte[] received = HybridKem.decapsulate(javaX25519, javaMlKem, bytes(sent, "x25519CipherText"),
                bytes(sent, "mlKemCipherText"));
        assertThat(received).isEqualTo(bytes(sent, "sharedSecret"));
    }

    @Test
    void javaEncapsulatesToNobleKitchenSinkKeysAndNobleDecapsulatesTheSameSecret() throws Exception {
        byte[] seed = random(32);
        JsonNode keys = noble.run(Map.of("op", "hybrid-keygen", "label", HybridKem.LABEL, "seed", seed));
        KemEncapsulation sent = HybridKem.encapsulate(X25519PublicKey.fromBytes(bytes(keys, "x25519PublicKey")),
                MlKem1024PublicKey.fromBytes(bytes(keys, "mlKemPublicKey")), RANDOM);
        JsonNode received = noble.run(Map.of("op", "hybrid-decapsulate", "label", HybridKem.LABEL, "seed", seed,
                "mlKemCipherText", sent.mlKemCiphertext(), "x25519CipherText", sent.x25519Ciphertext()));
        assertThat(bytes(received, "sharedSecret")).isEqualTo(sent.sharedSecret());
    }

    @Test
    void theSameRandomnessGivesNoblesExactCiphertextsAndSecret() throws Exception {
        X25519KeyPair x25519 = X25519KeyPair.generate(RANDOM);
        MlKem1024KeyPair mlKem = MlKem1024KeyPair.generate(RANDOM);
        byte[] mlKemMessage = random(32);
        byte[] ephemeralSecret = random(32);
        KemEncapsulation java = HybridKem.encapsulate(x25519.publicKey(), mlKem.publicKey(), ephemeralSecret,
                mlKemMessage);
        // noble splits its randomness as the ML-KEM message, then the X25519 ephemeral secret
        JsonNode nobleSent = noble.run(Map.of("op", "hybrid-encapsulate", "label", HybridKem.LABEL,
                "mlKemPublicKey", mlKem.publicKey().bytes(), "x25519PublicKey", x25519.publicKey().bytes(),
                "randomness", concat(mlKemMessage, ephemeralSecret)));
        assertThat(java.mlKemCiphertext()).isEqualTo(bytes(nobleSent, "mlKemCipherText"));
        assertThat(java.x25519Ciphertext()).isEqualTo(bytes(nobleSent, "x25519CipherText"));
        assertThat(java.sharedSecret()).isEqualTo(bytes(nobleSent, "sharedSecret"));
    }

    private static byte[] random(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = new byte[first.length + second.length];
        System.arraycopy(first, 0, both, 0, first.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }
}
