package io.p3protocol.kernel.crypto;

import org.bouncycastle.math.ec.rfc7748.X25519;

import java.security.SecureRandom;

/**
 * An X25519 secret key and its public key. The server never holds a recipient's secret key: this type is for the
 * encapsulating side's ephemeral key, for clients and for tests.
 */
public final class X25519KeyPair {
    private final byte[] secretKey;
    private final X25519PublicKey publicKey;

    private X25519KeyPair(byte[] secretKey) {
        this.secretKey = secretKey.clone();
        byte[] pub = new byte[X25519PublicKey.LENGTH];
        X25519.generatePublicKey(this.secretKey, 0, pub, 0);
        this.publicKey = X25519PublicKey.fromBytes(pub);
    }

    public static X25519KeyPair generate(SecureRandom random) {
        byte[] secret = new byte[X25519.SCALAR_SIZE];
        X25519.generatePrivateKey(random, secret);
        return new X25519KeyPair(secret);
    }

    /** From 32 secret-key bytes as RFC 7748 defines them (clamped when used). */
    public static X25519KeyPair fromSecretKey(byte[] secretKey) {
        if (secretKey == null || secretKey.length != X25519.SCALAR_SIZE) {
            throw new InvalidKeyMaterial("an X25519 secret key is 32 bytes");
        }
        return new X25519KeyPair(secretKey);
    }

    public X25519PublicKey publicKey() {
        return publicKey;
    }

    /** The raw X25519 output with {@code peer}; the peer key was validated, so it is never all zeros. */
    public byte[] agree(X25519PublicKey peer) {
        byte[] shared = new byte[X25519.POINT_SIZE];
        if (!X25519.calculateAgreement(secretKey, 0, peer.bytes(), 0, shared, 0)) {
            throw new InvalidKeyMaterial("X25519 agreement gave all zeros"); // unreachable for validated keys
        }
        return shared;
    }
}
