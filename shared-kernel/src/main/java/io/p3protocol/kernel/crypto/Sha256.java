package io.p3protocol.kernel.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 helpers. Hex output is lower-case. */
public final class Sha256 {
    private Sha256() {
    }

    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime ships SHA-256", e);
        }
    }

    public static byte[] digest(byte[] data) {
        return newDigest().digest(data);
    }

    public static String hex(byte[] data) {
        return HexFormat.of().formatHex(digest(data));
    }

    public static String hex(String utf8) {
        return hex(utf8.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * True for 64 lower-case hexadecimal digits: a SHA-256 (or HMAC-SHA256) digest as {@link #hex} writes it; false
     * for null. A loop rather than a regular expression: it is checked for every audit record and telemetry event.
     */
    public static boolean isHexDigest(String value) {
        if (value == null || value.length() != 64) {
            return false;
        }
        for (int i = 0; i < 64; i++) {
            char c = value.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }
}
