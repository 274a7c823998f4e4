package io.p3protocol.command.telemetry;

import io.p3protocol.kernel.vault.SecretValues.CurrentSecret;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class TelemetryPseudonymizerTest {
    private static final CurrentSecret SALT_V1 = new CurrentSecret("IP_SALT", 1,
            "Jefe".getBytes(StandardCharsets.US_ASCII));

    @Test
    void bothHashesAreHmacSha256UnderTheSalt() {
        // RFC 4231 test case 2: key "Jefe", message "what do ya want for nothing?"
        TelemetryPseudonymizer.Pseudonyms p = TelemetryPseudonymizer.pseudonymize(SALT_V1,
                "what do ya want for nothing?", "what do ya want for nothing?");
        assertThat(p.hashedIp()).isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
        assertThat(p.uaHash()).isEqualTo(p.hashedIp());
        assertThat(p.hashEpoch()).isEqualTo(1);
    }

    @Test
    void theSaltVersionIsTheEpochAndAnotherSaltGivesUnrelatedHashes() {
        CurrentSecret rotated = new CurrentSecret("IP_SALT", 2, "Jefe2".getBytes(StandardCharsets.US_ASCII));
        TelemetryPseudonymizer.Pseudonyms before = TelemetryPseudonymizer.pseudonymize(SALT_V1, "203.0.113.7", "UA");
        TelemetryPseudonymizer.Pseudonyms after = TelemetryPseudonymizer.pseudonymize(rotated, "203.0.113.7", "UA");
        assertThat(after.hashEpoch()).isEqualTo(2);
        assertThat(after.hashedIp()).isNotEqualTo(before.hashedIp());
        assertThat(after.uaHash()).isNotEqualTo(before.uaHash());
    }

    @Test
    void noUserAgentGivesNoUaHash() {
        assertThat(TelemetryPseudonymizer.pseudonymize(SALT_V1, "203.0.113.7", null).uaHash()).isNull();
        assertThat(TelemetryPseudonymizer.pseudonymize(SALT_V1, "203.0.113.7", "  ").uaHash()).isNull();
    }

    @Test
    void theHashesNeverContainTheRawValues() {
        TelemetryPseudonymizer.Pseudonyms p = TelemetryPseudonymizer.pseudonymize(SALT_V1, "203.0.113.7",
                "Mozilla/5.0");
        assertThat(p.toString()).doesNotContain("203.0.113.7").doesNotContain("Mozilla");
        assertThat(p.hashedIp()).matches("[0-9a-f]{64}");
    }
}
