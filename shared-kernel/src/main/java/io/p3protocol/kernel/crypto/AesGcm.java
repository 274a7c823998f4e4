package io.p3protocol.kernel.crypto;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * AES-256-GCM with a fresh random 96-bit IV per encryption and a 128-bit tag. A sealed box is
 * {@code IV (12 bytes) ‖ ciphertext ‖ tag (16 bytes)}; the associated data (AAD) is not stored in it, so the
 * caller must supply the same AAD to open it (see {@link Aad}): a box moved to another context does not open.
 */
public final class AesGcm {
    public static final int KEY_BYTES = 32;
    public static final int IV_BYTES = 12;
    public static final int TAG_BYTES = 16;
    private static final String ALGORITHM = "AES";
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final SecureRandom RANDOM = new SecureRandom();

    private AesGcm() {
    }

    /** A new random 256-bit key. */
    public static SecretKey newKey() {
        byte[] raw = new byte[KEY_BYTES];
        RANDOM.nextBytes(raw);
        try {
            return key(raw);
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    /** A key from its 32 raw bytes (copied). */
    public static SecretKey key(byte[] raw) {
        if (raw.length != KEY_BYTES) {
            throw new IllegalArgumentException("an AES-256 key is 32 bytes, not " + raw.length);
        }
        return new SecretKeySpec(raw, ALGORITHM);
    }

    /** Encrypts {@code plaintext} under {@code key}, bound to {@code aad}, with a fresh IV. */
    public static byte[] seal(SecretKey key, byte[] plaintext, byte[] aad) {
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BYTES * 8, iv));
            cipher.updateAAD(aad);
            byte[] sealed = new byte[IV_BYTES + cipher.getOutputSize(plaintext.length)];
            System.arraycopy(iv, 0, sealed, 0, IV_BYTES);
            cipher.doFinal(plaintext, 0, plaintext.length, sealed, IV_BYTES);
            return sealed;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every Java runtime", e);
        }
    }

    /**
     * Decrypts a box made by {@link #seal}. Any change to the box (IV, ciphertext or tag), a different key or a
     * different AAD is a {@link SealedBoxRejected}; no partial plaintext is ever returned.
     */
    public static byte[] open(SecretKey key, byte[] sealed, byte[] aad) {
        if (sealed.length < IV_BYTES + TAG_BYTES) {
            throw new SealedBoxRejected("a sealed box has at least " + (IV_BYTES + TAG_BYTES) + " bytes");
        }
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BYTES * 8, sealed, 0, IV_BYTES));
            cipher.updateAAD(aad);
            return cipher.doFinal(sealed, IV_BYTES, sealed.length - IV_BYTES);
        } catch (AEADBadTagException e) {
            throw new SealedBoxRejected("authentication failed: wrong key, wrong context or altered bytes");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every Java runtime", e);
        }
    }
}
