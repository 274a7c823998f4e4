package io.p3protocol.kernel.crypto;

import org.bouncycastle.math.ec.rfc7748.X25519;

import java.security.SecureRandom;

/**
 * X25519 alone as a KEM: the fallback when a party has no ML-KEM key. Same derivation as the hybrid
 * ({@link KitchenSinkCombiner}) with one component, parts {@code ss_T (32) || ct_T (32) || ek_T (32)} and its own
 * label {@link #LABEL}, so a fallback secret can never equal a hybrid one.
 */
public final class X25519Kem {
    public static final String LABEL = "P3-KEM(X25519)-KDF(HKDF-SHA-256)-v1";
    private static final byte[] LABEL_BYTES = KitchenSinkCombiner.ascii(LABEL);

    private X25519Kem() {
    }

    public static KemEncapsulation encapsulate(X25519PublicKey recipient, SecureRandom random) {
        byte[] ephemeralSecret = new byte[X25519.SCALAR_SIZE];
        X25519.generatePrivateKey(random, ephemeralSecret);
        return encapsulate(recipient, ephemeralSecret);
    }

    /** Deterministic form for test vectors only. */
    static KemEncapsulation encapsulate(X25519PublicKey recipient, byte[] ephemeralSecret) {
        X25519KeyPair ephemeral = X25519KeyPair.fromSecretKey(ephemeralSecret);
        byte[] ciphertext = ephemeral.publicKey().bytes();
        byte[] secret = KitchenSinkCombiner.derive(LABEL_BYTES, ephemeral.agree(recipient), ciphertext,
                recipient.bytes());
        return new KemEncapsulation(KemMode.X25519, ciphertext, null, secret);
    }

    public static byte[] decapsulate(X25519KeyPair recipient, byte[] x25519Ciphertext) {
        X25519PublicKey ephemeral = X25519PublicKey.fromBytes(x25519Ciphertext);
        return KitchenSinkCombiner.derive(LABEL_BYTES, recipient.agree(ephemeral), x25519Ciphertext,
                recipient.publicKey().bytes());
    }
}
