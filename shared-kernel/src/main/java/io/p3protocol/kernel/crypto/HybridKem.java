package io.p3protocol.kernel.crypto;

import org.bouncycastle.crypto.SecretWithEncapsulation;
import org.bouncycastle.crypto.kems.MLKEMGenerator;
import org.bouncycastle.math.ec.rfc7748.X25519;

import java.security.SecureRandom;

/**
 * The hybrid KEM: X25519 and ML-KEM-1024, combined by {@link KitchenSinkCombiner} with the parts, in this order,
 * <pre>
 *   ss_PQ (32) || ss_T (32) || ct_PQ (1568) || ek_PQ (1568) || ct_T (32) || ek_T (32)
 * </pre>
 * and the label {@link #LABEL}. ss_T is the raw X25519 output, ct_T the sender's ephemeral X25519 public key,
 * ek_T and ek_PQ the recipient's registered public keys. The derived secret stays secret as long as either X25519
 * or ML-KEM-1024 does, and it is bound to both ciphertexts and both recipient keys: changing any of them changes
 * the secret.
 */
public final class HybridKem {
    public static final String LABEL = "P3-KitchenSink-KEM(ML-KEM-1024,X25519)-KDF(HKDF-SHA-256)-v1";
    private static final byte[] LABEL_BYTES = KitchenSinkCombiner.ascii(LABEL);
    static final int MLKEM_MESSAGE_LENGTH = 32;

    private HybridKem() {
    }

    public static KemEncapsulation encapsulate(X25519PublicKey recipientX25519, MlKem1024PublicKey recipientMlKem,
                                               SecureRandom random) {
        byte[] ephemeralSecret = new byte[X25519.SCALAR_SIZE];
        X25519.generatePrivateKey(random, ephemeralSecret);
        byte[] mlKemMessage = new byte[MLKEM_MESSAGE_LENGTH];
        random.nextBytes(mlKemMessage);
        return encapsulate(recipientX25519, recipientMlKem, ephemeralSecret, mlKemMessage);
    }

    /**
     * Deterministic form, for test vectors and interop checks only: {@code mlKemMessage} is FIPS 203's 32-byte
     * {@code m} of ML-KEM.Encaps_internal. Reusing randomness breaks the KEM, hence package-private.
     */
    static KemEncapsulation encapsulate(X25519PublicKey recipientX25519, MlKem1024PublicKey recipientMlKem,
                                        byte[] ephemeralSecret, byte[] mlKemMessage) {
        X25519KeyPair ephemeral = X25519KeyPair.fromSecretKey(ephemeralSecret);
        byte[] x25519Secret = ephemeral.agree(recipientX25519);
        byte[] x25519Ciphertext = ephemeral.publicKey().bytes();
        SecretWithEncapsulation mlKem = MLKEMGenerator.internalGenerateEncapsulated(recipientMlKem.parameters(),
                mlKemMessage);
        byte[] mlKemCiphertext = mlKem.getEncapsulation();
        byte[] secret = combine(mlKem.getSecret(), x25519Secret, mlKemCiphertext, recipientMlKem, x25519Ciphertext,
                recipientX25519);
        return new KemEncapsulation(KemMode.HYBRID, x25519Ciphertext, mlKemCiphertext, secret);
    }

    /**
     * The recipient's side. Both secret keys are needed: with a wrong or missing ML-KEM key the result is simply a
     * different secret (ML-KEM's implicit rejection), never an error that would tell an attacker which part failed.
     */
    public static byte[] decapsulate(X25519KeyPair recipientX25519, MlKem1024KeyPair recipientMlKem,
                                     byte[] x25519Ciphertext, byte[] mlKemCiphertext) {
        X25519PublicKey ephemeral = X25519PublicKey.fromBytes(x25519Ciphertext);
        byte[] x25519Secret = recipientX25519.agree(ephemeral);
        byte[] mlKemSecret = recipientMlKem.decapsulate(mlKemCiphertext);
        return combine(mlKemSecret, x25519Secret, mlKemCiphertext, recipientMlKem.publicKey(), x25519Ciphertext,
                recipientX25519.publicKey());
    }

    private static byte[] combine(byte[] mlKemSecret, byte[] x25519Secret, byte[] mlKemCiphertext,
                                  MlKem1024PublicKey mlKemKey, byte[] x25519Ciphertext, X25519PublicKey x25519Key) {
        return KitchenSinkCombiner.derive(LABEL_BYTES, mlKemSecret, x25519Secret, mlKemCiphertext, mlKemKey.bytes(),
                x25519Ciphertext, x25519Key.bytes());
    }
}
