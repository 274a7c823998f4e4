package io.p3protocol.kernel.crypto;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * API key generation and hashing. A key is 256 random bits, shown once as {@code p3k_<base64url>}; only its
 * SHA-256 is ever stored, so a leaked table or event stream does not leak usable keys.
 */
public final class ApiKeyMaterial {
    public static final String PREFIX = "p3k_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeyMaterial() {
    }

    /** A fresh key in its presentable form. */
    public static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The stored fingerprint of a presented key (hex SHA-256 of the whole string). */
    public static String hash(String presentedKey) {
        return Sha256.hex(presentedKey);
    }
}
