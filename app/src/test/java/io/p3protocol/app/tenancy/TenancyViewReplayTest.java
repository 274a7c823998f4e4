package io.p3protocol.app.tenancy;

import io.p3protocol.app.support.Await;
import io.p3protocol.app.support.IntegrationTest;
import io.p3protocol.app.support.TestApi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Array;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A replay of {@code tenancy-views} batches its writes (projections/support/BatchedWrites) and reorders them by
 * statement: the rebuilt rows must still be exactly the live ones, including updates that came after a creation.
 */
@IntegrationTest
class TenancyViewReplayTest {
    private static final String VIEWS = "tenancy-views";

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    TestApi api;

    @BeforeEach
    void setUp() {
        api = new TestApi(port);
    }

    @Test
    void aReplayRebuildsTheTenantAndKeyRowsExactlyAsTheyWereLive() {
        String tenantId = api.createTenant("replay-before-rename");
        post("/api/tenants/" + tenantId + "/rename", Map.of("name", "replay-after-rename"));
        String revoked = api.issueKey(tenantId, "viewer").get("keyId").asText();
        String kept = api.issueKey(tenantId, "operator").get("keyId").asText();
        post("/api/api-keys/" + revoked + "/revoke", Map.of());
        post("/api/tenants/" + tenantId + "/suspend", Map.of());
        awaitCaughtUp();
        List<Map<String, Object>> tenantLive = tenantRows(tenantId);
        List<Map<String, Object>> keysLive = keyRows(tenantId);
        assertThat(tenantLive).singleElement().satisfies(row -> {
            assertThat(row.get("name")).isEqualTo("replay-after-rename");
            assertThat(row.get("status")).isEqualTo("SUSPENDED");
        });
        assertThat(keysLive).extracting(row -> row.get("key_id") + "=" + row.get("status"))
                .containsExactlyInAnyOrder(revoked + "=REVOKED", kept + "=ACTIVE");

        TestApi.Response replay = api.post("/actuator/processors/" + VIEWS + "/replay", TestApi.ADMIN_KEY, null);
        assertThat(replay.status()).as(replay.body()).isEqualTo(202);
        awaitCaughtUp();

        assertThat(tenantRows(tenantId)).isEqualTo(tenantLive);
        assertThat(keyRows(tenantId)).isEqualTo(keysLive);
    }

    private void post(String path, Map<String, ?> body) {
        TestApi.Response r = api.post(path, TestApi.ADMIN_KEY, body);
        assertThat(r.status()).as(path + ": " + r.body()).isBetween(200, 299);
    }

    /**
     * The endpoint's own judgement (ReplayProgress): not replaying (every segment at or past its reset position) and
     * no lag against the store's head when asked, so the replay, if any, is over.
     */
    private void awaitCaughtUp() {
        Await.until(Duration.ofSeconds(30), "tenancy-views caught up",
                () -> api.get("/actuator/processors/" + VIEWS, TestApi.ADMIN_KEY).json(),
                p -> !p.get("replaying").asBoolean() && p.get("lag").asLong() == 0);
    }

    private List<Map<String, Object>> tenantRows(String tenantId) {
        return comparable(jdbc.queryForList("SELECT * FROM tenant_view WHERE tenant_id = ?", tenantId));
    }

    private List<Map<String, Object>> keyRows(String tenantId) {
        return comparable(jdbc.queryForList("SELECT * FROM api_key_view WHERE tenant_id = ? ORDER BY key_id",
                tenantId));
    }

    /** Every column by value: a JDBC array (the roles) equals only itself, so it is compared as its text. */
    private static List<Map<String, Object>> comparable(List<Map<String, Object>> rows) {
        return rows.stream().map(row -> {
            Map<String, Object> copy = new TreeMap<>();
            row.forEach((column, value) -> copy.put(column, value instanceof Array ? value.toString() : value));
            return (Map<String, Object>) copy;
        }).toList();
    }
}
