package io.p3protocol.app.policy;

import com.fasterxml.jackson.databind.JsonNode;
import io.p3protocol.app.support.IntegrationTest;
import io.p3protocol.app.support.TestApi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class SandboxViolationsReportTest {
    private static final String REPORT = "/api/reports/sandbox-violations";

    @LocalServerPort
    int port;
    TestApi api;
    PolicyApi policies;

    @BeforeEach
    void setUp() {
        api = new TestApi(port);
        policies = new PolicyApi(api);
    }

    private JsonNode report(String query, String key) {
        TestApi.Response r = api.get(REPORT + query, key);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().get("data");
    }

    @Test
    void theReportListsTheRefusalsUpToItsInstant() throws InterruptedException {
        String tenant = api.createTenant("report-sandbox");
        policies.setPolicy(tenant, Map.of("sandbox", true, "sandboxChain", "mumbai"));
        JsonNode issued = api.issueKey(tenant, "operator");
        String key = issued.get("apiKey").asText();
        assertThat(policies.transfer(key, "ethereum").status()).isEqualTo(403);
        Thread.sleep(20); // later events get a later millisecond than 'between'
        Instant between = Instant.now();
        Thread.sleep(20);
        assertThat(policies.transfer(key, null).status()).isEqualTo(403);
        assertThat(policies.transfer(key, "mumbai").status()).isEqualTo(202);

        JsonNode then = report("?tenantId=" + tenant + "&asOf=" + between, TestApi.ADMIN_KEY);
        JsonNode now = report("?tenantId=" + tenant, TestApi.ADMIN_KEY);

        assertThat(then.get("violations").asInt()).isEqualTo(1);
        assertThat(then.get("rows").get(0).get("requestedChain").asText()).isEqualTo("ethereum");
        assertThat(then.get("rows").get(0).get("actor").asText()).isEqualTo("key:" + issued.get("keyId").asText());
        assertThat(now.get("violations").asInt()).isEqualTo(2);
        assertThat(now.get("rows").get(1).get("requestedChain").isNull()).isTrue();
        JsonNode summary = now.get("tenants").get(0);
        assertThat(summary.get("tenantId").asText()).isEqualTo(tenant);
        assertThat(summary.get("sandboxed").asBoolean()).isTrue();
        assertThat(summary.get("sandboxChain").asText()).isEqualTo("mumbai");
        assertThat(summary.get("violations").asInt()).isEqualTo(2);
    }

    @Test
    void aTenantKeySeesOnlyItsOwnRefusals() {
        String mine = api.createTenant("report-sandbox-mine");
        String other = api.createTenant("report-sandbox-other");
        policies.setPolicy(mine, Map.of("sandbox", true));
        policies.setPolicy(other, Map.of("sandbox", true));
        String myKey = api.issueKey(mine, "admin").get("apiKey").asText();
        String otherKey = api.issueKey(other, "operator").get("apiKey").asText();
        assertThat(policies.transfer(otherKey, "ethereum").status()).isEqualTo(403);

        JsonNode own = report("", myKey);

        assertThat(own.toString()).doesNotContain(other);
        assertThat(own.get("violations").asInt()).isZero();
    }
}
