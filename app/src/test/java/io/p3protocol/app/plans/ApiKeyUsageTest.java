package io.p3protocol.app.plans;

import com.fasterxml.jackson.databind.JsonNode;
import io.p3protocol.app.support.IntegrationTest;
import io.p3protocol.app.support.TestApi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /api/api-keys/{keyId}/usage} and GraphQL {@code apiKeyUsage}: shape, endpoints, tenant isolation. */
@IntegrationTest
class ApiKeyUsageTest {
    private static final String USAGE = """
            query($keyId: ID!) { apiKeyUsage(keyId: $keyId) { keyId tenantId status quotaMonthly
              period { start end } usage { total remaining percentUsed byEndpoint { endpoint count lastHitAt } } } }""";

    @LocalServerPort
    int port;
    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;
    @org.springframework.beans.factory.annotation.Autowired
    io.p3protocol.app.policy.UsageRetention retention;
    PlanApi plans;

    @BeforeEach
    void setUp() {
        plans = new PlanApi(new TestApi(port));
    }

    @Test
    void usageIsShapedAsTheOriginalsWithCountsPerRouteTemplate() {
        String tenant = plans.api.createTenant("usage-shape");
        JsonNode key = plans.issueKey(tenant, 8L, "admin");
        String keyId = key.get("keyId").asText();
        String apiKey = key.get("apiKey").asText();
        plans.api.get("/api/reports", apiKey);
        plans.api.get("/api/reports", apiKey);
        plans.graphQl(apiKey, "{ me { actor } }", Map.of());
        plans.api.post("/api/api-keys/" + keyId + "/revoke-not-a-route", apiKey, Map.of());

        TestApi.Response r = plans.usage(keyId, TestApi.ADMIN_KEY);

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode body = r.json();
        assertThat(body.get("keyId").asText()).isEqualTo(keyId);
        assertThat(body.get("tenantId").asText()).isEqualTo(tenant);
        assertThat(body.get("status").asText()).isEqualTo("active");
        assertThat(body.get("quotaMonthly").asLong()).isEqualTo(8);
        YearMonth month = YearMonth.now(ZoneOffset.UTC);
        assertThat(body.get("period").get("start").asText()).isEqualTo(month.atDay(1) + "T00:00:00Z");
        assertThat(body.get("period").get("end").asText()).isEqualTo(month.atEndOfMonth() + "T23:59:59.999Z");
        JsonNode usage = body.get("usage");
        assertThat(usage.get("total").asLong()).isEqualTo(4);
        assertThat(usage.get("remaining").asLong()).isEqualTo(4);
        assertThat(usage.get("percentUsed").asText()).isEqualTo("50.00");
        List<String> endpoints = new ArrayList<>();
        usage.get("byEndpoint").forEach(e -> endpoints.add(e.get("endpoint").asText() + "=" + e.get("count").asLong()));
        assertThat(endpoints).containsExactlyInAnyOrder("GET /api/reports=2", "POST (unmatched)=1", "POST /graphql=1");
        assertThat(endpoints.get(0)).as("most used first").isEqualTo("GET /api/reports=2");
    }

    @Test
    void anEndpointIsTheRouteTemplateNeverTheRawPath() {
        String tenant = plans.api.createTenant("usage-template");
        JsonNode key = plans.issueKey(tenant, null, "admin");
        String keyId = key.get("keyId").asText();
        assertThat(plans.usage(keyId, key.get("apiKey").asText()).status()).isEqualTo(200);

        JsonNode byEndpoint = plans.usage(keyId, TestApi.ADMIN_KEY).json().get("usage").get("byEndpoint");

        assertThat(byEndpoint).hasSize(1);
        assertThat(byEndpoint.get(0).get("endpoint").asText()).isEqualTo("GET /api/api-keys/{keyId}/usage");
    }

    @Test
    void anotherTenantsKeyIsNotFound() {
        String owner = plans.api.createTenant("usage-owner");
        String keyId = plans.issueKey(owner, null, "viewer").get("keyId").asText();
        String other = plans.api.createTenant("usage-other");
        String otherAdmin = plans.issueKey(other, null, "admin").get("apiKey").asText();

        TestApi.Response r = plans.usage(keyId, otherAdmin);

        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json().get("code").asText()).isEqualTo("api_key_not_found");
    }

    @Test
    void anotherTenantsKeyIsNotFoundInGraphQl() {
        String owner = plans.api.createTenant("usage-owner-gql");
        String keyId = plans.issueKey(owner, null, "viewer").get("keyId").asText();
        String other = plans.api.createTenant("usage-other-gql");
        String otherAdmin = plans.issueKey(other, null, "admin").get("apiKey").asText();

        JsonNode response = plans.graphQl(otherAdmin, USAGE, Map.of("keyId", keyId)).json();

        assertThat(response.get("data").isNull()).isTrue();
        assertThat(response.get("errors").get(0).get("extensions").get("code").asText()).isEqualTo("api_key_not_found");
    }

    @Test
    void aTenantKeySeesItsOwnTenantsKeysUsageInGraphQl() {
        String tenant = plans.api.createTenant("usage-gql");
        JsonNode key = plans.issueKey(tenant, 4L, "viewer");
        String keyId = key.get("keyId").asText();
        String apiKey = key.get("apiKey").asText();
        plans.api.get("/api/reports", apiKey);

        JsonNode usage = plans.graphQl(apiKey, USAGE, Map.of("keyId", keyId)).json().get("data").get("apiKeyUsage");

        // the GraphQL request itself was counted before it ran
        assertThat(usage.get("usage").get("total").asLong()).isEqualTo(2);
        assertThat(usage.get("usage").get("remaining").asLong()).isEqualTo(2);
        assertThat(usage.get("usage").get("percentUsed").asText()).isEqualTo("50.00");
        assertThat(usage.get("usage").get("byEndpoint")).extracting(e -> e.get("endpoint").asText())
                .containsExactlyInAnyOrder("GET /api/reports", "POST /graphql");
    }

    /** Writes a month's counts as the metering would have (the metering only ever counts the current month). */
    private void meteredIn(String keyId, String tenant, YearMonth month, long quota, String endpoint, long count) {
        jdbc.update("INSERT INTO api_key_usage (key_id, month, tenant_id, quota_monthly, total) VALUES (?, ?, ?, ?, ?)",
                keyId, java.sql.Date.valueOf(month.atDay(1)), tenant, quota, count);
        jdbc.update("INSERT INTO api_key_endpoint_usage (key_id, month, endpoint, count, last_hit_at) "
                + "VALUES (?, ?, ?, ?, now())", keyId, java.sql.Date.valueOf(month.atDay(1)), endpoint, count);
    }

    @Test
    void anEarlierMonthIsAnsweredFromItsOwnCountsAndQuota() {
        String tenant = plans.api.createTenant("usage-earlier-month");
        String keyId = plans.issueKey(tenant, 8L, "admin").get("keyId").asText();
        YearMonth earlier = YearMonth.now(ZoneOffset.UTC).minusMonths(2);
        meteredIn(keyId, tenant, earlier, 8, "GET /api/reports", 6);

        TestApi.Response r = plans.api.get("/api/api-keys/" + keyId + "/usage?month=" + earlier, TestApi.ADMIN_KEY);

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().at("/period/start").asText()).isEqualTo(earlier.atDay(1) + "T00:00:00Z");
        assertThat(r.json().at("/usage/total").asLong()).isEqualTo(6);
        assertThat(r.json().at("/usage/remaining").asLong()).isEqualTo(2);
        assertThat(r.json().at("/usage/byEndpoint/0/endpoint").asText()).isEqualTo("GET /api/reports");
        JsonNode graphQl = plans.graphQl(TestApi.ADMIN_KEY,
                "query($keyId: ID!, $month: String) { apiKeyUsage(keyId: $keyId, month: $month) { usage { total } } }",
                Map.of("keyId", keyId, "month", earlier.toString())).json();
        assertThat(graphQl.at("/data/apiKeyUsage/usage/total").asLong()).as(graphQl.toString()).isEqualTo(6);
    }

    @Test
    void aMonthThatIsNotYYYYMMOrLiesAheadIs400NamingTheField() {
        String tenant = plans.api.createTenant("usage-bad-month");
        String keyId = plans.issueKey(tenant, 8L, "admin").get("keyId").asText();

        for (String month : List.of("2026-13", "last", YearMonth.now(ZoneOffset.UTC).plusMonths(1).toString())) {
            TestApi.Response r = plans.api.get("/api/api-keys/" + keyId + "/usage?month=" + month, TestApi.ADMIN_KEY);
            assertThat(r.status()).as(month + ": " + r.body()).isEqualTo(400);
            assertThat(r.contentType()).startsWith("application/problem+json");
            assertThat(r.body()).contains("month");
        }
    }

    @Test
    void monthsBeyondTheRetainedYearAreDeletedAndTheRetainedOnesKept() {
        String tenant = plans.api.createTenant("usage-retention");
        String keyId = plans.issueKey(tenant, 8L, "admin").get("keyId").asText();
        YearMonth now = YearMonth.now(ZoneOffset.UTC);
        meteredIn(keyId, tenant, now.minusMonths(12), 8, "GET /api/reports", 1);
        meteredIn(keyId, tenant, now.minusMonths(13), 8, "GET /api/reports", 1);

        retention.deleteExpiredMonths();

        assertThat(jdbc.queryForList("SELECT month FROM api_key_usage WHERE key_id = ? ORDER BY month",
                java.sql.Date.class, keyId)).extracting(java.sql.Date::toLocalDate)
                .containsExactly(now.minusMonths(12).atDay(1));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM api_key_endpoint_usage WHERE key_id = ?", Long.class,
                keyId)).isEqualTo(1);
    }
}
