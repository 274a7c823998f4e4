package io.p3protocol.kernel.crypto;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class TurnRestCredentialTest {
    @Test
    void theUsernameIsTheUnixExpiryThenTheUser() {
        assertThat(TurnRestCredential.username(1700000000L, "alice")).isEqualTo("1700000000:alice");
    }

    /**
     * RFC 2202 test case 2 for HMAC-SHA1 (key "Jefe"), base64-encoded: the credential is the real HMAC, not the
     * original's SHA-1 of "username:secret".
     */
    @Test
    void theCredentialIsBase64OfHmacSha1KeyedByTheSecret() {
        assertThat(TurnRestCredential.credential("Jefe".getBytes(StandardCharsets.US_ASCII),
                "what do ya want for nothing?"))
                .isEqualTo("7/zfauXrL6LSdBbV8YTfnCWafHk="); // hex effcdf6ae5eb2fa2d27416d5f184df9c259a7c79
    }
}
