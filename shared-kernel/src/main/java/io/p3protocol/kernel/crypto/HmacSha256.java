package io.p3protocol.kernel.crypto;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

/** HMAC-SHA256 (RFC 2104) with lower-case hex output. */
public final class HmacSha256 {
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    /** A MAC keyed with {@code key} (any length, as RFC 2104 allows; the bytes are copied). */
    public HmacSha256(byte[] key) {
        if (key == null || key.length == 0) {
            throw new IllegalArgumentException("an HMAC key must not be empty");
        }
        this.key = new SecretKeySpec(key, ALGORITHM);
    }

    /** {@code hex(HMAC-SHA256(key, UTF-8 bytes of message))}. */
    public String hex(String message) {
        return HexFormat.of().formatHex(mac(message.getBytes(StandardCharsets.UTF_8)));
    }

    public byte[] mac(byte[] message) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM); // Mac instances are not thread-safe: one per call
            mac.init(key);
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime ships HmacSHA256", e);
        }
    }
}
