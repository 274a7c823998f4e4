package io.p3protocol.command.rules.webhook;

import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

/** X-P3-Signature: t=<unix>,v1=hex(HMAC-SHA256(key, "<t>." + body)). */
class WebhookSignatureTest {
    private static final byte[] KEY = "pZ1u8p0Qx3sVb0Yh2m4n6q8s0u2w4y6A8C0E2G4I6K8".getBytes(StandardCharsets.UTF_8);
    private static final byte[] BODY = "{\"amount\":150}".getBytes(StandardCharsets.UTF_8);

    @Test
    void theHeaderIsTheDocumentedHmacOverTimestampDotBody() throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
        String expected = HexFormat.of().formatHex(mac.doFinal("1767261600.{\"amount\":150}"
                .getBytes(StandardCharsets.UTF_8)));

        assertThat(WebhookSignature.header(KEY, 1767261600L, BODY)).isEqualTo("t=1767261600,v1=" + expected);
    }

    @Test
    void aReceiverVerifiesTheSignatureWithinItsTolerance() {
        String header = WebhookSignature.header(KEY, 1767261600L, BODY);

        assertThat(WebhookSignature.verify(KEY, header, BODY, 1767261600L + 299, 300)).isTrue();
        assertThat(WebhookSignature.verify(KEY, header, BODY, 1767261600L + 301, 300)).isFalse();
    }

    @Test
    void anAlteredBodyTimestampOrKeyFailsVerification() {
        String header = WebhookSignature.header(KEY, 1767261600L, BODY);

        assertThat(WebhookSignature.verify(KEY, header, "{\"amount\":151}".getBytes(StandardCharsets.UTF_8),
                1767261600L, 300)).isFalse();
        assertThat(WebhookSignature.verify(KEY, header.replace("t=1767261600", "t=1767261601"), BODY,
                1767261600L, 300)).isFalse();
        assertThat(WebhookSignature.verify("another key".getBytes(StandardCharsets.UTF_8), header, BODY,
                1767261600L, 300)).isFalse();
        assertThat(WebhookSignature.verify(KEY, "t=1767261600", BODY, 1767261600L, 300)).isFalse();
    }
}
