package io.p3protocol.app.vault;

import com.fasterxml.jackson.databind.JsonNode;
import io.p3protocol.app.support.IntegrationTest;
import io.p3protocol.app.support.TestApi;
import io.p3protocol.kernel.crypto.TurnRestCredential;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The TURN credential endpoint. (Acceptance by a real coturn: CoturnInteropTest.) */
@IntegrationTest
class TurnCredentialTest {
    @LocalServerPort
    int port;
    TestApi api;
    VaultApi vault;
    String tenant;
    String adminKey;
    String operatorKey;

    @BeforeEach
    void setUp() {
        api = new TestApi(port);
        vault = new VaultApi(api);
        JsonNode admin = vault.tenantWithAdminKey("vault-turn");
        tenant = admin.get("tenantId").asText();
        adminKey = admin.get("apiKey").asText();
        operatorKey = api.issueKey(tenant, "operator").get("apiKey").asText();
    }

    @Test
    void theCredentialIsTheHmacSha1OfTheUsernameKeyedByTheTenantsTurnCredential() {
        TestApi.Response issued = vault.turn(operatorKey, Map.of("userId", "alice"));
        assertThat(issued.status()).as(issued.body()).isEqualTo(200);
        String username = issued.json().get("username").asText();
        String secret = vault.mustReveal(adminKey, "TURN_CREDENTIAL"); // generated on first use
        assertThat(issued.json().get("credential").asText())
                .isEqualTo(TurnRestCredential.credential(secret.getBytes(StandardCharsets.UTF_8), username));
        assertThat(issued.header("Cache-Control")).contains("no-store");
    }

    @Test
    void theUsernameIsTheUnixExpiryAtMostThirtyMinutesAheadThenTheUser() {
        long before = Instant.now().getEpochSecond();
        JsonNode issued = vault.turn(operatorKey, Map.of("userId", "alice")).json();
        String[] parts = issued.get("username").asText().split(":");
        long expiry = Long.parseLong(parts[0]);
        assertThat(parts[1]).isEqualTo("alice");
        assertThat(expiry).isBetween(before + Duration.ofMinutes(29).toSeconds(),
                Instant.now().getEpochSecond() + Duration.ofMinutes(30).toSeconds());
        assertThat(Instant.parse(issued.get("expiresAt").asText()).getEpochSecond()).isEqualTo(expiry);
    }

    @Test
    void withoutAUserIdTheUserIsTheTenantsTurnUsername() {
        String username = vault.turn(operatorKey, null).json().get("username").asText();
        assertThat(username).matches("[0-9]+:turn_[0-9a-f]{32}");
        assertThat(username.substring(username.indexOf(':') + 1)).isEqualTo(vault.mustReveal(adminKey, "TURN_USERNAME"));
    }

    @Test
    void aRotatedTurnCredentialKeysTheNextCredentials() {
        vault.turn(operatorKey, Map.of("userId", "bob"));
        String rotated = vault.rotate(adminKey, "TURN_CREDENTIAL", Map.of("reveal", true)).json().get("value").asText();
        JsonNode issued = vault.turn(operatorKey, Map.of("userId", "bob")).json();
        assertThat(issued.get("credential").asText()).isEqualTo(TurnRestCredential.credential(
                rotated.getBytes(StandardCharsets.UTF_8), issued.get("username").asText()));
    }

    @Test
    void aUserIdWithAColonIs400() {
        TestApi.Response r = vault.turn(operatorKey, Map.of("userId", "a:b"));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("code").asText()).isEqualTo("validation_failed");
    }

    @Test
    void aLifetimeBeyondThirtyMinutesIs400() {
        TestApi.Response r = vault.turn(operatorKey, Map.of("userId", "alice", "ttlSeconds", 1801));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("code").asText()).isEqualTo("validation_failed");
    }

    @Test
    void aViewerCannotIssueCredentials() {
        String viewer = api.issueKey(tenant, "viewer").get("apiKey").asText();
        assertThat(vault.turn(viewer, Map.of("userId", "alice")).status()).isEqualTo(403);
    }
}
