package io.p3protocol.app.vault;

import com.fasterxml.jackson.databind.JsonNode;
import io.p3protocol.app.support.IntegrationTest;
import io.p3protocol.app.support.TestApi;
import io.p3protocol.kernel.errors.UnknownAggregate;
import io.p3protocol.kernel.vault.SecretValues;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The in-process port other features read secrets through (telemetry's IP_SALT, TURN). */
@IntegrationTest
class SecretValuesTest {
    @LocalServerPort
    int port;
    @Autowired
    SecretValues secretValues;
    @Autowired
    JdbcTemplate jdbc;
    VaultApi vault;
    String tenant;
    String key;

    @BeforeEach
    void setUp() {
        vault = new VaultApi(new TestApi(port));
        JsonNode admin = vault.tenantWithAdminKey("vault-port");
        tenant = admin.get("tenantId").asText();
        key = admin.get("apiKey").asText();
    }

    @Test
    void anAbsentManagedSecretIsGeneratedAndStoredAsTheSystemActor() {
        SecretValues.CurrentSecret salt = secretValues.currentOrGenerate(tenant, "IP_SALT");
        assertThat(salt.version()).isEqualTo(1);
        assertThat(new String(salt.value(), StandardCharsets.UTF_8)).matches("[0-9a-f]{64}");
        assertThat(jdbc.queryForObject("""
                SELECT convert_from(metadata, 'UTF8')::jsonb ->> 'actor' FROM domainevententry
                WHERE aggregateidentifier = ? AND sequencenumber = 0""", String.class, tenant + "/IP_SALT"))
                .isEqualTo("system");
    }

    @Test
    void repeatedCallsAnswerTheSameVersionAndValueWithoutStoringAgain() {
        SecretValues.CurrentSecret first = secretValues.currentOrGenerate(tenant, "IP_SALT");
        SecretValues.CurrentSecret second = secretValues.currentOrGenerate(tenant, "IP_SALT");
        assertThat(second.version()).isEqualTo(first.version());
        assertThat(second.value()).isEqualTo(first.value());
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ?",
                Integer.class, tenant + "/IP_SALT")).isEqualTo(1);
    }

    @Test
    void aRotationIsSeenAtOnce() {
        secretValues.currentOrGenerate(tenant, "IP_SALT");
        String rotated = vault.rotate(key, "IP_SALT", Map.of("reveal", true)).json().get("value").asText();
        SecretValues.CurrentSecret after = secretValues.currentOrGenerate(tenant, "IP_SALT");
        assertThat(after.version()).isEqualTo(2);
        assertThat(new String(after.value(), StandardCharsets.UTF_8)).isEqualTo(rotated);
    }

    @Test
    void aDestroyedManagedSecretIsGeneratedAgainWithANewVersionAndValue() {
        SecretValues.CurrentSecret before = secretValues.currentOrGenerate(tenant, "IP_SALT");
        assertThat(vault.destroy(key, "IP_SALT").status()).isEqualTo(200);
        SecretValues.CurrentSecret after = secretValues.currentOrGenerate(tenant, "IP_SALT");
        assertThat(after.version()).isEqualTo(2);
        assertThat(after.value()).isNotEqualTo(before.value());
    }

    @Test
    void anAbsentCustomSecretIsUnknown() {
        assertThatThrownBy(() -> secretValues.currentOrGenerate(tenant, "my-custom"))
                .isInstanceOf(UnknownAggregate.class);
    }

    @Test
    void theValueIsRedactedFromToString() {
        SecretValues.CurrentSecret salt = secretValues.currentOrGenerate(tenant, "IP_SALT");
        assertThat(salt.toString()).doesNotContain(new String(salt.value(), StandardCharsets.UTF_8));
    }
}
