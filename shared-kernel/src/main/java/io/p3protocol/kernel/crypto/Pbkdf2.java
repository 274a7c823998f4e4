package io.p3protocol.kernel.crypto;

import javax.crypto.SecretKey;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * PBKDF2-HMAC-SHA256 to an AES-256 key. At least {@link #MIN_ITERATIONS} iterations (OWASP's 2023 figure for
 * PBKDF2-HMAC-SHA256) and a random salt of {@link #SALT_BYTES}; fewer iterations or a shorter salt are refused.
 */
public final class Pbkdf2 {
    public static final int MIN_ITERATIONS = 600_000;
    public static final int SALT_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private Pbkdf2() {
    }

    public static byte[] newSalt() {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        return salt;
    }

    /** Derives an AES-256 key from {@code passphrase}. */
    public static SecretKey deriveAes256(char[] passphrase, byte[] salt, int iterations) {
        if (iterations < MIN_ITERATIONS) {
            throw new IllegalArgumentException("PBKDF2 needs at least " + MIN_ITERATIONS + " iterations, not " + iterations);
        }
        if (salt.length < SALT_BYTES) {
            throw new IllegalArgumentException("PBKDF2 needs a salt of at least " + SALT_BYTES + " bytes");
        }
        if (passphrase.length == 0) {
            throw new IllegalArgumentException("an empty passphrase derives no key");
        }
        PBEKeySpec spec = new PBEKeySpec(passphrase, salt, iterations, AesGcm.KEY_BYTES * 8);
        byte[] raw = null;
        try {
            raw = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
            return AesGcm.key(raw);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is part of every Java runtime", e);
        } finally {
            spec.clearPassword();
            if (raw != null) {
                Arrays.fill(raw, (byte) 0);
            }
        }
    }
}
