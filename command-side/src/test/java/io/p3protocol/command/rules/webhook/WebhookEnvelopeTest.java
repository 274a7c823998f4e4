package io.p3protocol.command.rules.webhook;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.p3protocol.kernel.crypto.AesGcm;
import io.p3protocol.kernel.crypto.SealedBoxRejected;
import org.junit.jupiter.api.Test;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The encrypted webhook body: AES-256-GCM, fresh IV, AAD binding tenant and delivery id. */
class WebhookEnvelopeTest {
    private static final byte[] PAYLOAD = "{\"eventType\":\"LedgerEventRecordedEvent\",\"amount\":150}"
            .getBytes(StandardCharsets.UTF_8);
    private static final String TENANT = "t-1";
    private static final String DELIVERY = "rule-1@event-1#0";

    private static final SecretKey KEY = AesGcm.newKey();

    private static ObjectNode sealed() {
        return WebhookEnvelope.seal(KEY, WebhookKeys.ENCRYPTION_KEY, 2, PAYLOAD, TENANT, DELIVERY);
    }

    @Test
    void theEnvelopeDecryptsBackToThePayload() {
        ObjectNode envelope = sealed();

        assertThat(envelope.get("algorithm").asText()).isEqualTo("AES-256-GCM");
        assertThat(envelope.get("keyVersion").asInt()).isEqualTo(2);
        assertThat(Base64.getDecoder().decode(envelope.get("iv").asText())).hasSize(12);
        assertThat(envelope.toString()).doesNotContain("LedgerEventRecordedEvent");
        assertThat(WebhookEnvelope.open(KEY, envelope, TENANT, DELIVERY)).isEqualTo(PAYLOAD);
    }

    @Test
    void aReceiverWithPlainJceDecryptsItAsDocumented() throws Exception {
        ObjectNode envelope = sealed();
        Base64.Decoder b64 = Base64.getDecoder();
        byte[] ciphertext = b64.decode(envelope.get("ciphertext").asText());
        byte[] tag = b64.decode(envelope.get("tag").asText());
        byte[] both = new byte[ciphertext.length + tag.length];
        System.arraycopy(ciphertext, 0, both, 0, ciphertext.length);
        System.arraycopy(tag, 0, both, ciphertext.length, tag.length);

        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, KEY, new GCMParameterSpec(128, b64.decode(envelope.get("iv").asText())));
        cipher.updateAAD(("p3-webhook/v1\n" + TENANT + "\n" + DELIVERY).getBytes(StandardCharsets.UTF_8));

        assertThat(cipher.doFinal(both)).isEqualTo(PAYLOAD);
    }

    @Test
    void everyDeliveryGetsAFreshIv() {
        assertThat(sealed().get("iv")).isNotEqualTo(sealed().get("iv"));
    }

    @Test
    void aTamperedCiphertextIsRejected() {
        ObjectNode envelope = sealed();
        byte[] ciphertext = Base64.getDecoder().decode(envelope.get("ciphertext").asText());
        ciphertext[0] ^= 1;
        envelope.put("ciphertext", Base64.getEncoder().encodeToString(ciphertext));

        assertThatThrownBy(() -> WebhookEnvelope.open(KEY, envelope, TENANT, DELIVERY))
                .isInstanceOf(SealedBoxRejected.class);
    }

    @Test
    void aTamperedTagIsRejected() {
        ObjectNode envelope = sealed();
        byte[] tag = Base64.getDecoder().decode(envelope.get("tag").asText());
        tag[15] ^= (byte) 0x80;
        envelope.put("tag", Base64.getEncoder().encodeToString(tag));

        assertThatThrownBy(() -> WebhookEnvelope.open(KEY, envelope, TENANT, DELIVERY))
                .isInstanceOf(SealedBoxRejected.class);
    }

    @Test
    void anotherDeliveryIdOrTenantDoesNotDecrypt() {
        ObjectNode envelope = sealed();

        assertThatThrownBy(() -> WebhookEnvelope.open(KEY, envelope, TENANT, "rule-1@event-1#1"))
                .isInstanceOf(SealedBoxRejected.class);
        assertThatThrownBy(() -> WebhookEnvelope.open(KEY, envelope, "t-2", DELIVERY))
                .isInstanceOf(SealedBoxRejected.class);
    }

    @Test
    void theVaultValueIsA32ByteBase64urlKey() throws Exception {
        byte[] raw = new byte[32];
        raw[0] = (byte) 0xfb; // base64url '-'/'_' territory
        String value = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);

        assertThat(WebhookEnvelope.keyFromSecret(value.getBytes(StandardCharsets.UTF_8)).getEncoded()).isEqualTo(raw);
        assertThatThrownBy(() -> WebhookEnvelope.keyFromSecret("too-short".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(WebhookRefused.class).hasMessageContaining("must be 32 bytes");
    }
}
