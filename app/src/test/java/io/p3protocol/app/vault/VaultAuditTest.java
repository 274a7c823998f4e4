package io.p3protocol.app.vault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.p3protocol.app.support.Await;
import io.p3protocol.app.support.IntegrationTest;
import io.p3protocol.app.support.TestApi;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Every access to a secret is in the audit export with its actor; the rotation report replays them. */
@IntegrationTest
class VaultAuditTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    @Test
    void storeRotateRevealDestroyAndTurnIssueAreExportedWithTheActor() {
        TestApi api = new TestApi(port);
        VaultApi vault = new VaultApi(api);
        JsonNode admin = vault.tenantWithAdminKey("vault-audit");
        String tenant = admin.get("tenantId").asText();
        String key = admin.get("apiKey").asText();
        String actor = "key:" + admin.get("keyId").asText();
        JsonNode operator = api.issueKey(tenant, "operator");

        vault.mustStore(key, "audited", "v1");
        vault.rotate(key, "audited", null);
        vault.mustReveal(key, "audited");
        vault.destroy(key, "audited");
        vault.turn(operator.get("apiKey").asText(), Map.of("userId", "alice"));

        List<JsonNode> records = Await.until(Duration.ofSeconds(30), "vault events sealed",
                () -> export(api, tenant), r -> r.stream().anyMatch(n -> n.get("type").asText()
                        .equals("TurnCredentialIssuedEvent")));
        assertThat(actorOf(records, "SecretStoredEvent", tenant + "/audited")).isEqualTo(actor);
        assertThat(actorOf(records, "SecretRotatedEvent", tenant + "/audited")).isEqualTo(actor);
        assertThat(actorOf(records, "SecretRevealedEvent", tenant + "/audited")).isEqualTo(actor);
        assertThat(actorOf(records, "SecretDestroyedEvent", tenant + "/audited")).isEqualTo(actor);
        assertThat(actorOf(records, "TurnCredentialIssuedEvent", tenant + "/TURN_CREDENTIAL"))
                .isEqualTo("key:" + operator.get("keyId").asText());
        // The TURN_CREDENTIAL the issue needed was generated on first use, by the system.
        assertThat(actorOf(records, "SecretStoredEvent", tenant + "/TURN_CREDENTIAL")).isEqualTo("system");
        JsonNode reveal = records.stream().filter(n -> n.get("type").asText().equals("SecretRevealedEvent"))
                .findFirst().orElseThrow();
        assertThat(reveal.get("payload").has("value")).isFalse();
    }

    @Test
    void theSecretRotationReportListsEachSecretWithItsAgeAndRotation() {
        TestApi api = new TestApi(port);
        VaultApi vault = new VaultApi(api);
        JsonNode admin = vault.tenantWithAdminKey("vault-report");
        String tenant = admin.get("tenantId").asText();
        String key = admin.get("apiKey").asText();
        vault.mustStore(key, "reported", "v1");
        vault.rotate(key, "reported", null);

        TestApi.Response report = api.get("/api/reports/secret-rotation?tenantId=" + tenant, key);
        assertThat(report.status()).as(report.body()).isEqualTo(200);
        JsonNode row = report.json().get("data").get("rows").get(0);
        assertThat(row.get("name").asText()).isEqualTo("reported");
        assertThat(row.get("version").asInt()).isEqualTo(2);
        assertThat(row.get("rotationCount").asInt()).isEqualTo(1);
        assertThat(row.get("ageDays").asLong()).isZero();
        assertThat(row.get("breached").asBoolean()).isFalse();
        assertThat(row.get("lastRotatedAt").isNull()).isFalse();
        assertThat(report.json().get("data").get("policyDays").asInt()).isEqualTo(90);
    }

    private static String actorOf(List<JsonNode> records, String type, String aggregateId) {
        return records.stream().filter(n -> n.get("type").asText().equals(type)
                        && n.get("aggregateId").asText().equals(aggregateId))
                .map(n -> n.get("actor").asText()).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type + " of " + aggregateId + " in the export"));
    }

    private static List<JsonNode> export(TestApi api, String tenant) {
        TestApi.Response response = api.get("/api/audit/events?tenantId=" + tenant, TestApi.ADMIN_KEY);
        List<JsonNode> records = new ArrayList<>();
        for (String line : response.body().split("\n")) {
            if (!line.isBlank()) {
                try {
                    records.add(JSON.readTree(line));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return records;
    }
}
