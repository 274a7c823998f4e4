package io.p3protocol.app.reports;

import com.fasterxml.jackson.databind.JsonNode;
import io.p3protocol.app.support.IntegrationTest;
import io.p3protocol.app.support.TestApi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class TenantAccessReportTest {
    private static final String REPORT = "/api/reports/tenant-access";

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    TestApi api;

    @BeforeEach
    void setUp() {
        api = new TestApi(port);
    }

    private JsonNode report(String query, String key) {
        TestApi.Response response = api.get(REPORT + query, key);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private static JsonNode tenant(JsonNode report, String tenantId) {
        for (JsonNode tenant : report.get("data").get("tenants")) {
            if (tenant.get("tenantId").asText().equals(tenantId)) {
                return tenant;
            }
        }
        throw new AssertionError("tenant " + tenantId + " not in " + report);
    }

    private static JsonNode key(JsonNode tenant, String keyId) {
        for (JsonNode key : tenant.get("keys")) {
            if (key.get("keyId").asText().equals(keyId)) {
                return key;
            }
        }
        throw new AssertionError("key " + keyId + " not in " + tenant);
    }

    private String revoke(String keyId) {
        assertThat(api.post("/api/api-keys/" + keyId + "/revoke", TestApi.ADMIN_KEY, null).status()).isEqualTo(200);
        return keyId;
    }

    /** The tenancy-views processor is asynchronous: wait (10 s at most) until the read model shows the test's state. */
    private static void await(String what, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("read model did not catch up within 10 s: " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static Instant instantOrNull(JsonNode value) {
        return value == null || value.isNull() ? null : Instant.parse(value.asText());
    }

    private static Instant instantOrNull(Timestamp value) {
        return value == null ? null : value.toInstant();
    }

    @Test
    void aReportAsOfNowEqualsTheLiveReadModel() {
        String a = api.createTenant("report-live-a");
        assertThat(api.post("/api/tenants/" + a + "/rename", TestApi.ADMIN_KEY, Map.of("name", "report-live-a2"))
                .status()).isEqualTo(200);
        String revoked = revoke(api.issueKey(a, "admin", "viewer").get("keyId").asText());
        TestApi.Response expiring = api.post("/api/tenants/" + a + "/api-keys", TestApi.ADMIN_KEY,
                Map.of("roles", List.of("operator"), "expiresAt", "2099-01-01T00:00:00Z", "quotaMonthly", 5));
        assertThat(expiring.status()).isEqualTo(201);
        String b = api.createTenant("report-live-b");
        api.issueKey(b, "viewer");
        assertThat(api.post("/api/tenants/" + b + "/suspend", TestApi.ADMIN_KEY, null).status()).isEqualTo(200);
        await("tenant b suspended, tenant a renamed with two keys, one revoked", () ->
                jdbc.queryForList("SELECT 1 FROM tenant_view WHERE tenant_id = ? AND status = 'SUSPENDED'", b).size() == 1
                        && jdbc.queryForList("SELECT 1 FROM tenant_view WHERE tenant_id = ? AND name = 'report-live-a2'", a).size() == 1
                        && jdbc.queryForList("SELECT 1 FROM api_key_view WHERE tenant_id = ?", a).size() == 2
                        && jdbc.queryForList("SELECT 1 FROM api_key_view WHERE key_id = ? AND status = 'REVOKED'", revoked).size() == 1
                        && jdbc.queryForList("SELECT 1 FROM api_key_view WHERE tenant_id = ?", b).size() == 1);

        JsonNode report = report("", TestApi.ADMIN_KEY);

        for (String tenantId : List.of(a, b)) {
            JsonNode reported = tenant(report, tenantId);
            Map<String, Object> live = jdbc.queryForMap("SELECT name, status FROM tenant_view WHERE tenant_id = ?", tenantId);
            assertThat(reported.get("name").asText()).isEqualTo(live.get("name"));
            assertThat(reported.get("status").asText()).isEqualTo(((String) live.get("status")).toLowerCase(Locale.ROOT));
            List<String> liveKeyIds = new ArrayList<>();
            jdbc.query("""
                    SELECT key_id, roles, status, issued_at, issued_by, revoked_at, revoked_by, expires_at
                    FROM api_key_view WHERE tenant_id = ? ORDER BY list_position""", rs -> {
                String keyId = rs.getString("key_id");
                liveKeyIds.add(keyId);
                JsonNode key = key(reported, keyId);
                List<String> roles = new ArrayList<>();
                key.get("roles").forEach(r -> roles.add(r.asText()));
                assertThat(roles).isEqualTo(Arrays.asList((String[]) rs.getArray("roles").getArray()));
                assertThat(key.get("status").asText()).isEqualTo(rs.getString("status").toLowerCase(Locale.ROOT));
                assertThat(instantOrNull(key.get("issuedAt"))).isEqualTo(instantOrNull(rs.getTimestamp("issued_at")));
                assertThat(key.get("issuedBy").asText()).isEqualTo(rs.getString("issued_by"));
                assertThat(instantOrNull(key.get("revokedAt"))).isEqualTo(instantOrNull(rs.getTimestamp("revoked_at")));
                assertThat(key.get("revokedBy").isNull() ? null : key.get("revokedBy").asText())
                        .isEqualTo(rs.getString("revoked_by"));
                assertThat(instantOrNull(key.get("expiresAt"))).isEqualTo(instantOrNull(rs.getTimestamp("expires_at")));
            }, tenantId);
            assertThat(reported.get("keys")).extracting(k -> k.get("keyId").asText())
                    .containsExactlyElementsOf(liveKeyIds);
        }
    }

    @Test
    void aReportAsOfAnEarlierInstantLeavesOutWhatCameLater() throws InterruptedException {
        String tenant = api.createTenant("report-before");
        String first = api.issueKey(tenant, "admin").get("keyId").asText();
        Instant before = Instant.now();
        Thread.sleep(20); // later events get a later millisecond than 'before'
        String second = api.issueKey(tenant, "viewer").get("keyId").asText();
        revoke(first);
        assertThat(api.post("/api/tenants/" + tenant + "/rename", TestApi.ADMIN_KEY, Map.of("name", "report-after"))
                .status()).isEqualTo(200);

        JsonNode then = tenant(report("?tenantId=" + tenant + "&asOf=" + before, TestApi.ADMIN_KEY), tenant);
        JsonNode now = tenant(report("?tenantId=" + tenant, TestApi.ADMIN_KEY), tenant);

        assertThat(then.get("name").asText()).isEqualTo("report-before");
        assertThat(then.get("keys")).extracting(k -> k.get("keyId").asText()).containsExactly(first);
        assertThat(key(then, first).get("status").asText()).isEqualTo("active");
        assertThat(key(then, first).get("revokedAt").isNull()).isTrue();
        assertThat(now.get("name").asText()).isEqualTo("report-after");
        assertThat(now.get("keys")).extracting(k -> k.get("keyId").asText()).containsExactly(first, second);
        assertThat(key(now, first).get("status").asText()).isEqualTo("revoked");
        assertThat(key(now, first).get("revokedBy").asText()).isEqualTo("platform-admin");
    }

    @Test
    void aTenantKeySeesOnlyItsOwnTenantAndGets404ForAnother() {
        String mine = api.createTenant("report-mine");
        String other = api.createTenant("report-other");
        String key = api.issueKey(mine, "admin").get("apiKey").asText();

        JsonNode own = report("", key);
        TestApi.Response foreign = api.get(REPORT + "?tenantId=" + other, key);

        assertThat(own.get("tenantId").asText()).isEqualTo(mine);
        assertThat(own.get("data").get("tenants")).extracting(t -> t.get("tenantId").asText()).containsExactly(mine);
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.contentType()).startsWith("application/problem+json");
        assertThat(foreign.json().get("code").asText()).isEqualTo("tenant_not_found");
    }

    @Test
    void theHtmlVariantRendersAndEscapesTenantNames() {
        String tenant = api.createTenant("<script>alert('x')</script>");
        api.issueKey(tenant, "admin");

        TestApi.Response page = api.get(REPORT + "?tenantId=" + tenant, TestApi.ADMIN_KEY, "text/html");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.header("Content-Security-Policy")).contains("default-src 'none'");
        assertThat(page.body()).startsWith("<!DOCTYPE html>")
                .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;")
                .contains(tenant)
                .doesNotContainIgnoringCase("<script");
    }

    @Test
    void anUnknownReportIs404Problem() {
        TestApi.Response response = api.get("/api/reports/no-such-report", TestApi.ADMIN_KEY);
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("code").asText()).isEqualTo("report_not_found");
    }

    @Test
    void anUnreadableOrFutureAsOfIs400Problem() {
        TestApi.Response unreadable = api.get(REPORT + "?asOf=last-tuesday", TestApi.ADMIN_KEY, "text/html");
        TestApi.Response future = api.get(REPORT + "?asOf=" + Instant.now().plus(Duration.ofDays(1)), TestApi.ADMIN_KEY);

        for (TestApi.Response response : List.of(unreadable, future)) {
            assertThat(response.status()).isEqualTo(400);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.json().get("errors").get(0).get("field").asText()).isEqualTo("asOf");
        }
    }

    @Test
    void reportsNeedTheAdminRole() {
        String tenant = api.createTenant("report-viewer");
        String viewer = api.issueKey(tenant, "viewer").get("apiKey").asText();
        assertThat(api.get(REPORT, viewer).status()).isEqualTo(403);
    }
}
