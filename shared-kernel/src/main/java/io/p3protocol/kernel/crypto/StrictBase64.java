package io.p3protocol.kernel.crypto;

import java.util.Base64;

/**
 * Standard base64 (RFC 4648 section 4: alphabet {@code A-Z a-z 0-9 + /}, with {@code =} padding), read strictly:
 * only the one canonical spelling of a byte string is accepted. No whitespace, no URL-safe alphabet, no missing or
 * extra padding, no non-zero bits after the last byte. Why strict: a key registry must not store one key under two
 * spellings, and a lenient decoder hides client bugs.
 */
public final class StrictBase64 {
    private StrictBase64() {
    }

    public static String encode(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** The bytes {@code text} spells, or {@link InvalidKeyMaterial} if it is not canonical standard base64. */
    public static byte[] decode(String text) {
        if (text == null || text.isEmpty()) {
            throw new InvalidKeyMaterial("must be a non-empty standard base64 string");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidKeyMaterial("is not standard base64 (RFC 4648 section 4, with '=' padding)");
        }
        // Java's decoder accepts missing padding and ignores stray low bits; re-encoding reveals both.
        if (!encode(bytes).equals(text)) {
            throw new InvalidKeyMaterial("is not canonical standard base64 (padding or trailing bits)");
        }
        return bytes;
    }
}
