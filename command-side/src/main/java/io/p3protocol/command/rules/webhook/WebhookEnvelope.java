package io.p3protocol.command.rules.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.p3protocol.kernel.crypto.AesGcm;
import io.p3protocol.kernel.crypto.SealedBoxRejected;

import javax.crypto.SecretKey;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * The body of an encrypted webhook (the original sent {@code {encrypted:true, algorithm:'base64', data}}, which is
 * not encryption): the JSON payload encrypted with AES-256-GCM under the tenant's vault secret
 * {@code WEBHOOK_ENCRYPTION_KEY} (32 bytes, base64url), a fresh random 96-bit IV per delivery and a 128-bit tag:
 * <pre>
 * {"encrypted":true,"algorithm":"AES-256-GCM","keyName":"WEBHOOK_ENCRYPTION_KEY","keyVersion":3,
 *  "iv":"&lt;base64, 12 bytes&gt;","ciphertext":"&lt;base64&gt;","tag":"&lt;base64, 16 bytes&gt;"}
 * </pre>
 * The associated data binds the ciphertext to its tenant and delivery: the UTF-8 bytes of
 * {@code "p3-webhook/v1\n" + tenantId + "\n" + deliveryId} (the {@code X-P3-Delivery} header), so a body replayed
 * under another delivery id or for another tenant does not decrypt.
 */
public final class WebhookEnvelope {
    public static final String ALGORITHM = "AES-256-GCM";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private WebhookEnvelope() {
    }

    public static byte[] aad(String tenantId, String deliveryId) {
        return ("p3-webhook/v1\n" + tenantId + "\n" + deliveryId).getBytes(StandardCharsets.UTF_8);
    }

    public static ObjectNode seal(SecretKey key, String keyName, int keyVersion, byte[] plaintext, String tenantId,
                                  String deliveryId) {
        byte[] box = AesGcm.seal(key, plaintext, aad(tenantId, deliveryId));
        Base64.Encoder b64 = Base64.getEncoder();
        ObjectNode envelope = NODES.objectNode();
        envelope.put("encrypted", true);
        envelope.put("algorithm", ALGORITHM);
        envelope.put("keyName", keyName);
        envelope.put("keyVersion", keyVersion);
        envelope.put("iv", b64.encodeToString(Arrays.copyOfRange(box, 0, AesGcm.IV_BYTES)));
        envelope.put("ciphertext", b64.encodeToString(Arrays.copyOfRange(box, AesGcm.IV_BYTES,
                box.length - AesGcm.TAG_BYTES)));
        envelope.put("tag", b64.encodeToString(Arrays.copyOfRange(box, box.length - AesGcm.TAG_BYTES, box.length)));
        return envelope;
    }

    /**
     * What a receiver does: the plaintext of an envelope, or {@link SealedBoxRejected} when any part was altered,
     * the key is wrong, or the tenant or delivery id differ from the ones it was sealed for.
     */
    public static byte[] open(SecretKey key, JsonNode envelope, String tenantId, String deliveryId) {
        if (!ALGORITHM.equals(envelope.path("algorithm").asText())) {
            throw new SealedBoxRejected("not an " + ALGORITHM + " envelope");
        }
        Base64.Decoder b64 = Base64.getDecoder();
        byte[] iv;
        byte[] ciphertext;
        byte[] tag;
        try {
            iv = b64.decode(envelope.path("iv").asText());
            ciphertext = b64.decode(envelope.path("ciphertext").asText());
            tag = b64.decode(envelope.path("tag").asText());
        } catch (IllegalArgumentException e) {
            throw new SealedBoxRejected("iv, ciphertext and tag must be base64");
        }
        if (iv.length != AesGcm.IV_BYTES || tag.length != AesGcm.TAG_BYTES) {
            throw new SealedBoxRejected("the IV is 12 bytes and the tag 16");
        }
        byte[] box = new byte[iv.length + ciphertext.length + tag.length];
        System.arraycopy(iv, 0, box, 0, iv.length);
        System.arraycopy(ciphertext, 0, box, iv.length, ciphertext.length);
        System.arraycopy(tag, 0, box, iv.length + ciphertext.length, tag.length);
        return AesGcm.open(key, box, aad(tenantId, deliveryId));
    }

    /** The AES-256 key a {@code WEBHOOK_ENCRYPTION_KEY} value stands for: 32 bytes, base64url (or base64). */
    public static SecretKey keyFromSecret(byte[] secretValue) throws WebhookRefused {
        String text = new String(secretValue, StandardCharsets.UTF_8).trim();
        byte[] raw;
        try {
            raw = text.contains("+") || text.contains("/") ? Base64.getDecoder().decode(text)
                    : Base64.getUrlDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            raw = new byte[0];
        }
        try {
            if (raw.length != AesGcm.KEY_BYTES) {
                throw new WebhookRefused("Webhook refused: the vault secret WEBHOOK_ENCRYPTION_KEY must be 32 bytes, "
                        + "base64url-encoded (rotate it without a value to generate one)");
            }
            return AesGcm.key(raw);
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }
}
