package io.p3protocol.app.plans;

import io.p3protocol.app.support.IntegrationTest;
import io.p3protocol.app.support.TestApi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** The per-key monthly quota: every request of the key counts, REST and GraphQL alike. */
@IntegrationTest
class QuotaTest {
    private static final String ME = "{ me { actor } }";

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    PlanApi plans;

    @BeforeEach
    void setUp() {
        plans = new PlanApi(new TestApi(port));
    }

    private record Key(String keyId, String apiKey) {
    }

    private Key keyWithQuota(String name, long quota) {
        String tenant = plans.api.createTenant(name);
        var issued = plans.issueKey(tenant, quota, "admin");
        return new Key(issued.get("keyId").asText(), issued.get("apiKey").asText());
    }

    private TestApi.Response rest(Key key) {
        return plans.api.get("/api/reports", key.apiKey());
    }

    private TestApi.Response graphQl(Key key) {
        return plans.graphQl(key.apiKey(), ME, Map.of());
    }

    @Test
    void theRequestAfterTheQuotaIs429QuotaExceededWithRetryAfterUntilNextUtcMonth() {
        Key key = keyWithQuota("quota-rest", 3);
        for (int i = 1; i <= 3; i++) {
            assertThat(rest(key).status()).as("request %d", i).isEqualTo(200);
        }

        TestApi.Response over = rest(key);

        assertThat(over.status()).as(over.body()).isEqualTo(429);
        assertThat(over.contentType()).startsWith("application/problem+json");
        assertThat(over.json().get("code").asText()).isEqualTo("quota_exceeded");
        long untilNextMonth = Duration.between(Instant.now(),
                YearMonth.now(ZoneOffset.UTC).plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC))
                .toSeconds();
        assertThat(Long.parseLong(over.header("Retry-After"))).isBetween(untilNextMonth - 60, untilNextMonth + 60);
    }

    @Test
    void restAndGraphQlRequestsCountAgainstTheSameQuota() {
        Key key = keyWithQuota("quota-rest-and-graphql", 2);
        assertThat(rest(key).status()).isEqualTo(200);
        assertThat(graphQl(key).status()).isEqualTo(200);

        TestApi.Response restOver = rest(key);
        TestApi.Response graphQlOver = graphQl(key);

        assertThat(restOver.status()).isEqualTo(429);
        assertThat(graphQlOver.status()).isEqualTo(429);
        assertThat(graphQlOver.json().get("code").asText()).isEqualTo("quota_exceeded");
    }

    @Test
    void concurrentRequestsNeverExceedTheQuota() throws Exception {
        Key key = keyWithQuota("quota-concurrent", 5);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<Integer>> statuses = pool.invokeAll(java.util.Collections.nCopies(12,
                    () -> rest(key).status()));
            long served = 0;
            for (Future<Integer> status : statuses) {
                served += status.get() == 200 ? 1 : 0;
            }
            assertThat(served).isEqualTo(5);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void usingUpTheQuotaIsRecordedOnceWithTheKeyAsActor() {
        Key key = keyWithQuota("quota-event", 2);
        for (int i = 0; i < 5; i++) {
            rest(key);
        }

        io.p3protocol.app.support.Await.until(Duration.ofSeconds(10), "the exhaustion event", () -> !jdbc.queryForList(
                "SELECT 1 FROM domainevententry WHERE aggregateidentifier = ? AND payloadtype = "
                        + "'io.p3protocol.kernel.apikeys.ApiKeyQuotaExhaustedEvent'", key.keyId()).isEmpty());
        List<Map<String, Object>> events = jdbc.queryForList("""
                SELECT convert_from(payload, 'UTF8')::jsonb ->> 'month' AS month,
                       convert_from(metadata, 'UTF8')::jsonb ->> 'actor' AS actor
                FROM domainevententry WHERE aggregateidentifier = ?
                  AND payloadtype = 'io.p3protocol.kernel.apikeys.ApiKeyQuotaExhaustedEvent'""", key.keyId());
        assertThat(events).hasSize(1);
        assertThat(events.get(0).get("month")).isEqualTo(YearMonth.now(ZoneOffset.UTC).toString());
        assertThat(events.get(0).get("actor")).isEqualTo("key:" + key.keyId());
    }

    @Test
    void thePlatformAdminIsNotMetered() {
        Key key = keyWithQuota("quota-admin-free", 1);
        for (int i = 0; i < 3; i++) {
            assertThat(plans.usage(key.keyId(), TestApi.ADMIN_KEY).status()).isEqualTo(200);
        }

        assertThat(plans.usage(key.keyId(), TestApi.ADMIN_KEY).json().get("usage").get("total").asLong())
                .isZero();
    }
}
