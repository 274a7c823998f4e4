package io.p3protocol.app.tenancy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.p3protocol.app.support.Await;
import io.p3protocol.app.support.IntegrationTest;
import io.p3protocol.app.support.TestApi;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Key expiry through Axon's persistent db-scheduler DeadlineManager (table scheduled_tasks). */
@IntegrationTest
class ApiKeyExpiryDeadlineTest {
    @LocalServerPort
    int port;
    @Autowired
    DeadlineManager deadlineManager;
    @Autowired
    JdbcTemplate jdbc;
    TestApi api;
    private final ObjectMapper json = new ObjectMapper().findAndRegisterModules();

    @BeforeEach
    void setUp() {
        api = new TestApi(port);
    }

    @Test
    void theDeadlineManagerIsThePersistentDbSchedulerOne() {
        assertThat(deadlineManager).isInstanceOf(DbSchedulerDeadlineManager.class);
    }

    @Test
    void aKeyExpiresAtItsInstantAndItsDeadlineRecordsTheExpiry() throws Exception {
        String tenant = api.createTenant("expiry");
        Instant expiresAt = Instant.now().plusSeconds(3).truncatedTo(ChronoUnit.MILLIS);
        TestApi.Response issued = api.post("/api/tenants/" + tenant + "/api-keys", TestApi.ADMIN_KEY,
                Map.of("roles", List.of("admin"), "expiresAt", expiresAt.toString()));
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        String keyId = issued.json().get("keyId").asText();
        String key = issued.json().get("apiKey").asText();

        // The deadline is persisted, not held in memory: it survives a restart.
        assertThat(deadlineTasks(keyId, "AND task_name = 'AxonDeadline'")).isEqualTo(1);
        assertThat(rename(tenant, key).status()).isEqualTo(200);

        Await.until(Duration.ofSeconds(10), "expiry instant passed", () -> Instant.now().isAfter(expiresAt));
        TestApi.Response refused = rename(tenant, key);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("code").asText()).isEqualTo("expired_api_key");

        Await.until(Duration.ofSeconds(30), "ApiKeyExpiredEvent of " + keyId, () -> expiredEvents(keyId) == 1);
        JsonNode event = json.readTree(jdbc.queryForObject("""
                SELECT convert_from(payload, 'UTF8') FROM domainevententry
                WHERE aggregateidentifier = ? AND payloadtype = 'io.p3protocol.kernel.apikeys.ApiKeyExpiredEvent'""",
                String.class, keyId));
        assertThat(json.treeToValue(event.get("expiredAt"), Instant.class)).isEqualTo(expiresAt);
        assertThat(jdbc.queryForObject("SELECT status FROM auth_api_key WHERE key_id = ?", String.class, keyId))
                .isEqualTo("EXPIRED");
        Await.until(Duration.ofSeconds(10), "deadline task removed", () -> deadlineTasks(keyId, "") == 0);
    }

    @Test
    void aRevokedKeysDeadlineRecordsNoExpiry() {
        String tenant = api.createTenant("expiry-after-revoke");
        TestApi.Response issued = api.post("/api/tenants/" + tenant + "/api-keys", TestApi.ADMIN_KEY,
                Map.of("roles", List.of("viewer"), "expiresAt", Instant.now().plusSeconds(8).toString()));
        String keyId = issued.json().get("keyId").asText();
        assertThat(api.post("/api/api-keys/" + keyId + "/revoke", TestApi.ADMIN_KEY, null).status()).isEqualTo(200);

        // 8 s of head room: on a busy machine a 2 s deadline had already fired (and left) before this check
        assertThat(deadlineTasks(keyId, "")).isEqualTo(1);
        Await.until(Duration.ofSeconds(30), "deadline of " + keyId + " handled", () -> deadlineTasks(keyId, "") == 0);
        assertThat(expiredEvents(keyId)).isZero();
    }

    /** Scheduled tasks whose (binary) data names the key: its scope descriptor carries the key id. */
    private int deadlineTasks(String keyId, String andCondition) {
        return jdbc.queryForObject("SELECT count(*) FROM scheduled_tasks WHERE position(? IN task_data) > 0 "
                + andCondition, Integer.class, (Object) keyId.getBytes(StandardCharsets.UTF_8));
    }

    private int expiredEvents(String keyId) {
        return jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ? "
                + "AND payloadtype = 'io.p3protocol.kernel.apikeys.ApiKeyExpiredEvent'", Integer.class, keyId);
    }

    private TestApi.Response rename(String tenant, String key) {
        return api.post("/api/tenants/" + tenant + "/rename", key, Map.of("name", "renamed-by-key"));
    }
}
