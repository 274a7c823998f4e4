package io.p3protocol.app.policy;

import io.p3protocol.app.support.IntegrationTest;
import io.p3protocol.app.support.RateLimitWindows;
import io.p3protocol.app.support.TestApi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class RateLimitTest {
    private static final int LIMIT = 5;

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TenantRateLimiter rateLimiter;
    TestApi api;
    PolicyApi policies;

    @BeforeEach
    void setUp() {
        api = new TestApi(port);
        policies = new PolicyApi(api);
    }

    private String limitedTenantKey(String name, int limit) {
        String tenant = api.createTenant(name);
        String key = api.issueKey(tenant, "admin").get("apiKey").asText();
        policies.setPolicy(tenant, Map.of("sandbox", false, "rateLimitRpm", limit));
        return key;
    }

    private TestApi.Response call(String key) {
        return api.get("/api/reports", key);
    }

    @Test
    void theRequestOverTheLimitIs429RateLimitedWithRetryAfter() {
        String key = limitedTenantKey("rate-limited", LIMIT);
        RateLimitWindows.awaitRoomInCurrentWindow();

        for (int i = 1; i <= LIMIT; i++) {
            TestApi.Response within = call(key);
            assertThat(within.status()).as("request %d: %s", i, within.body()).isEqualTo(200);
        }
        TestApi.Response over = call(key);

        assertThat(over.status()).as(over.body()).isEqualTo(429);
        assertThat(over.contentType()).startsWith("application/problem+json");
        assertThat(over.json().get("code").asText()).isEqualTo("rate_limited");
        assertThat(Integer.parseInt(over.header("Retry-After"))).isBetween(1, 60);
    }

    @Test
    void anotherTenantIsUnaffected() {
        String limited = limitedTenantKey("rate-limited-neighbour-a", LIMIT);
        String other = limitedTenantKey("rate-limited-neighbour-b", LIMIT);
        RateLimitWindows.awaitRoomInCurrentWindow();
        for (int i = 0; i <= LIMIT; i++) {
            call(limited);
        }
        assertThat(call(limited).status()).isEqualTo(429);

        TestApi.Response otherTenant = call(other);

        assertThat(otherTenant.status()).as(otherTenant.body()).isEqualTo(200);
    }

    @Test
    void aSandboxedTenantsRefusalStillCarriesTheSandboxHeaders() {
        String tenant = api.createTenant("rate-limited-sandbox");
        String key = api.issueKey(tenant, "admin").get("apiKey").asText();
        policies.setPolicy(tenant, Map.of("sandbox", true, "rateLimitRpm", 1));
        RateLimitWindows.awaitRoomInCurrentWindow();
        call(key);

        TestApi.Response over = call(key);

        assertThat(over.status()).isEqualTo(429);
        assertThat(over.header(TenantPolicyFilter.SANDBOX_HEADER)).isEqualTo("true");
    }

    @Test
    void windowsThatEndedMoreThanAMinuteAgoAreDeleted() {
        jdbc.update("INSERT INTO rate_limit_window (tenant_id, window_start, count) "
                + "VALUES ('cleanup-old', date_trunc('minute', now()) - INTERVAL '2 minutes', 7), "
                + "('cleanup-current', date_trunc('minute', now()), 3)");

        rateLimiter.deleteOldWindows();

        assertThat(jdbc.queryForList("SELECT tenant_id FROM rate_limit_window WHERE tenant_id LIKE 'cleanup-%'",
                String.class)).containsExactly("cleanup-current");
    }
}
