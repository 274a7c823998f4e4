package io.p3protocol.command.rules.webhook;

import io.p3protocol.kernel.crypto.HmacSha256;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * The {@code X-P3-Signature} header, in the style of Stripe's: {@code t=<unix seconds>,v1=<hex>} where
 * {@code v1 = lower-case hex(HMAC-SHA256(key, "<t>." ‖ body bytes))}. The key is the UTF-8 bytes of the tenant's
 * vault secret {@code WEBHOOK_SIGNING_KEY} as revealed; the body is the exact bytes sent (the envelope when the
 * action is encrypted). The timestamp lets receivers refuse replays older than their tolerance.
 */
public final class WebhookSignature {
    public static final String HEADER = "X-P3-Signature";

    private WebhookSignature() {
    }

    public static String header(byte[] key, long unixSeconds, byte[] body) {
        return "t=" + unixSeconds + ",v1=" + HexFormat.of().formatHex(mac(key, unixSeconds, body));
    }

    /**
     * What a receiver does: true when {@code header} carries a {@code v1} signature of {@code body} under {@code key}
     * and its timestamp is within {@code toleranceSeconds} of {@code nowSeconds}. Compared in constant time.
     */
    public static boolean verify(byte[] key, String header, byte[] body, long nowSeconds, long toleranceSeconds) {
        if (header == null) {
            return false;
        }
        Long timestamp = null;
        String signature = null;
        for (String part : header.split(",")) {
            int eq = part.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String name = part.substring(0, eq).trim();
            String value = part.substring(eq + 1).trim();
            if (name.equals("t")) {
                try {
                    timestamp = Long.parseLong(value);
                } catch (NumberFormatException e) {
                    return false;
                }
            } else if (name.equals("v1")) {
                signature = value;
            }
        }
        if (timestamp == null || signature == null || Math.abs(nowSeconds - timestamp) > toleranceSeconds) {
            return false;
        }
        byte[] expected = HexFormat.of().formatHex(mac(key, timestamp, body)).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] mac(byte[] key, long unixSeconds, byte[] body) {
        byte[] prefix = (unixSeconds + ".").getBytes(StandardCharsets.US_ASCII);
        byte[] message = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, message, 0, prefix.length);
        System.arraycopy(body, 0, message, prefix.length, body.length);
        return new HmacSha256(key).mac(message);
    }
}
