package io.p3protocol.app.vault;

import com.fasterxml.jackson.databind.JsonNode;
import io.p3protocol.app.support.Await;
import io.p3protocol.app.support.IntegrationTest;
import io.p3protocol.app.support.TestApi;
import io.p3protocol.command.vault.Secret;
import io.p3protocol.command.vault.SecretDeadline;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.modelling.command.AggregateScopeDescriptor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Expiry through the real persistent deadlines (db-scheduler). Ninety days cannot pass in a test, so the test
 * fires the secret's own deadline now, exactly as the aggregate schedules it (name, version payload, scope); what
 * follows (the event, the 409, the read model, the gauge) is the production path.
 */
@IntegrationTest
class SecretExpiryTest {
    @LocalServerPort
    int port;
    @Autowired
    DeadlineManager deadlines;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    VaultSecretsGauge gauge;
    TestApi api;
    VaultApi vault;
    String tenant;
    String key;

    @BeforeEach
    void setUp() {
        api = new TestApi(port);
        vault = new VaultApi(api);
        JsonNode admin = vault.tenantWithAdminKey("vault-expiry");
        tenant = admin.get("tenantId").asText();
        key = admin.get("apiKey").asText();
    }

    private void fire(String deadline, String name, int version) {
        deadlines.schedule(Instant.now(), deadline, new SecretDeadline(version),
                new AggregateScopeDescriptor(Secret.class.getSimpleName(), tenant + "/" + name));
    }

    private void awaitEvent(String name, String type) {
        Await.until(Duration.ofSeconds(30), type + " of " + name, () -> jdbc.queryForObject("""
                SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ? AND payloadtype = ?""",
                Integer.class, tenant + "/" + name, "io.p3protocol.kernel.vault." + type) == 1);
    }

    @Test
    void theExpiryDeadlineRecordsSecretExpiredAndRevealIsThen409() {
        vault.mustStore(key, "short-lived", "value");
        fire(Secret.EXPIRY_DEADLINE, "short-lived", 1);
        awaitEvent("short-lived", "SecretExpiredEvent");

        TestApi.Response r = vault.reveal(key, "short-lived", null);
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.json().get("code").asText()).isEqualTo("secret_expired");
    }

    @Test
    void rotatingAnExpiredSecretMakesItRevealableAgain() {
        vault.mustStore(key, "renewed", "old");
        fire(Secret.EXPIRY_DEADLINE, "renewed", 1);
        awaitEvent("renewed", "SecretExpiredEvent");
        assertThat(vault.rotate(key, "renewed", Map.of("value", "new")).status()).isEqualTo(200);
        assertThat(vault.mustReveal(key, "renewed")).isEqualTo("new");
    }

    @Test
    void aDeadlineOfARotatedVersionRecordsNothing() {
        vault.mustStore(key, "rotated-early", "old");
        assertThat(vault.rotate(key, "rotated-early", null).status()).isEqualTo(200);
        fire(Secret.EXPIRY_DEADLINE, "rotated-early", 1);
        // A live secret's deadline fired right after: once its expiry is recorded, the stale one has run too.
        vault.mustStore(key, "canary", "c");
        fire(Secret.EXPIRY_DEADLINE, "canary", 1);
        awaitEvent("canary", "SecretExpiredEvent");
        Await.until(Duration.ofSeconds(30), "due deadlines handled", () -> jdbc.queryForObject(
                "SELECT count(*) FROM scheduled_tasks WHERE execution_time <= now()", Integer.class) == 0);
        assertThat(jdbc.queryForObject("""
                SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ?
                AND payloadtype = 'io.p3protocol.kernel.vault.SecretExpiredEvent'""", Integer.class,
                tenant + "/rotated-early")).isZero();
        assertThat(vault.reveal(key, "rotated-early", null).status()).isEqualTo(200);
    }

    @Test
    void storingSchedulesTheWarningAndTheExpiryDeadlines() {
        vault.mustStore(key, "scheduled", "v");
        assertThat(deadlineTasks("scheduled")).isEqualTo(2);
    }

    @Test
    void rotatingReplacesTheDeadlinesAndDestroyingCancelsThem() {
        vault.mustStore(key, "rescheduled", "v");
        assertThat(vault.rotate(key, "rescheduled", null).status()).isEqualTo(200);
        assertThat(deadlineTasks("rescheduled")).isEqualTo(2);
        assertThat(vault.destroy(key, "rescheduled").status()).isEqualTo(200);
        assertThat(deadlineTasks("rescheduled")).isZero();
    }

    /** Persisted deadlines whose (binary) data names the secret: its scope descriptor carries the aggregate id. */
    private int deadlineTasks(String name) {
        return jdbc.queryForObject("""
                SELECT count(*) FROM scheduled_tasks WHERE task_name = 'AxonDeadline'
                AND position(? IN task_data) > 0""", Integer.class,
                (Object) (tenant + "/" + name).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void graphQlAndTheGaugeShowExpiringAndExpiredSecrets() {
        vault.mustStore(key, "soon", "a");
        vault.mustStore(key, "gone", "b");
        vault.mustStore(key, "fine", "c");
        fire(Secret.EXPIRING_SOON_DEADLINE, "soon", 1);
        fire(Secret.EXPIRY_DEADLINE, "gone", 1);
        awaitEvent("soon", "SecretExpiringSoonEvent");
        awaitEvent("gone", "SecretExpiredEvent");

        String query = "{ expiringSecrets(withinDays: 7) { name status version } "
                + "secrets { name status managed rotationCount } }";
        JsonNode data = Await.until(Duration.ofSeconds(30), "read model shows both", () -> graphQl(query),
                d -> d.get("expiringSecrets").size() == 2);
        assertThat(data.get("expiringSecrets").toString())
                .contains("{\"name\":\"gone\",\"status\":\"EXPIRED\",\"version\":1}")
                .contains("{\"name\":\"soon\",\"status\":\"EXPIRING\",\"version\":1}");
        assertThat(data.get("secrets").toString())
                .contains("{\"name\":\"fine\",\"status\":\"ACTIVE\",\"managed\":false,\"rotationCount\":0}");

        gauge.refresh();
        String metrics = api.get("/actuator/prometheus", TestApi.ADMIN_KEY).body();
        assertThat(metrics).containsPattern("(?m)^p3_vault_secrets\\{state=\"expired\",tenant=\"" + tenant + "\"} 1\\.0$");
        assertThat(metrics).containsPattern("(?m)^p3_vault_secrets\\{state=\"expiring\",tenant=\"" + tenant + "\"} 1\\.0$");
    }

    @Test
    void graphQlHasNoFieldForAValue() {
        JsonNode response = api.post("/graphql", key, Map.of("query", "{ secrets { name value } }")).json();
        assertThat(response.get("errors").get(0).get("message").asText()).contains("value");
        assertThat(response.has("data") && !response.get("data").isNull()).isFalse();
    }

    private JsonNode graphQl(String query) {
        JsonNode response = api.post("/graphql", key, Map.of("query", query)).json();
        assertThat(response.get("errors")).as(response.toString()).isNull();
        return response.get("data");
    }
}
