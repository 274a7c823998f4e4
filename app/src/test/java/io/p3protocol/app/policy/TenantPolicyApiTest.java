package io.p3protocol.app.policy;

import com.fasterxml.jackson.databind.JsonNode;
import io.p3protocol.app.support.Await;
import io.p3protocol.app.support.IntegrationTest;
import io.p3protocol.app.support.TestApi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class TenantPolicyApiTest {
    private static final String POLICY_QUERY = """
            query($id: ID!) { tenant(id: $id) { policy { sandbox sandboxChain rateLimitRpm maxSessions
              allowedFeatures effectiveFeatures dataRegion retentionDays exportAllowed updatedAt updatedBy } } }""";

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    TestApi api;
    PolicyApi policies;

    @BeforeEach
    void setUp() {
        api = new TestApi(port);
        policies = new PolicyApi(api);
    }

    private JsonNode policyOverGraphQl(String tenantId, String apiKey) {
        return Await.until(Duration.ofSeconds(30), "tenant " + tenantId + " in the read model", () -> api.post(
                "/graphql", apiKey, Map.of("query", POLICY_QUERY, "variables", Map.of("id", tenantId))).json(),
                body -> !body.path("data").path("tenant").isNull()).path("data").path("tenant").path("policy");
    }

    private static List<String> fields(TestApi.Response r) {
        List<String> fields = new ArrayList<>();
        r.json().get("errors").forEach(e -> fields.add(e.get("field").asText()));
        return fields;
    }

    @Test
    void aPutAnswersThePolicyWithItsDefaultsFilledIn() {
        String tenant = api.createTenant("policy-put");

        TestApi.Response r = policies.putPolicy(tenant, TestApi.ADMIN_KEY,
                Map.of("sandbox", true, "allowedFeatures", List.of("Payments", "vault"), "dataRegion", "eu-west-1"));

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode body = r.json();
        assertThat(body.get("tenantId").asText()).isEqualTo(tenant);
        assertThat(body.get("sandbox").asBoolean()).isTrue();
        assertThat(body.get("sandboxChain").asText()).isEqualTo("sepolia");
        assertThat(body.get("rateLimitRpm").asInt()).isEqualTo(1000);
        assertThat(body.get("maxSessions").asInt()).isEqualTo(100);
        assertThat(body.get("allowedFeatures")).extracting(JsonNode::asText).containsExactly("vault", "payments");
        assertThat(body.get("dataRegion").asText()).isEqualTo("eu-west-1");
        assertThat(body.get("retentionDays").isNull()).isTrue();
        assertThat(body.get("exportAllowed").asBoolean()).isTrue();
    }

    @Test
    void graphqlShowsThePolicyRightAfterThePutWithWhoChangedIt() {
        String tenant = api.createTenant("policy-graphql");
        String key = api.issueKey(tenant, "viewer").get("apiKey").asText();
        policies.setPolicy(tenant, Map.of("sandbox", true, "sandboxChain", "AMOY", "rateLimitRpm", 60,
                "maxSessions", 5, "allowedFeatures", List.of("rules"), "retentionDays", 30, "exportAllowed", false));

        JsonNode policy = policyOverGraphQl(tenant, key);

        assertThat(policy.get("sandbox").asBoolean()).isTrue();
        assertThat(policy.get("sandboxChain").asText()).isEqualTo("amoy");
        assertThat(policy.get("rateLimitRpm").asInt()).isEqualTo(60);
        assertThat(policy.get("maxSessions").asInt()).isEqualTo(5);
        assertThat(policy.get("allowedFeatures")).extracting(JsonNode::asText).containsExactly("rules");
        assertThat(policy.get("effectiveFeatures")).extracting(JsonNode::asText).containsExactly("rules");
        assertThat(policy.get("retentionDays").asInt()).isEqualTo(30);
        assertThat(policy.get("exportAllowed").asBoolean()).isFalse();
        assertThat(policy.get("updatedBy").asText()).isEqualTo("platform-admin");
        assertThat(policy.get("updatedAt").isNull()).isFalse();
    }

    @Test
    void aTenantThatNeverHadAPolicyShowsTheDefaults() {
        String tenant = api.createTenant("policy-default");

        JsonNode policy = policyOverGraphQl(tenant, TestApi.ADMIN_KEY);

        assertThat(policy.get("sandbox").asBoolean()).isFalse();
        assertThat(policy.get("sandboxChain").isNull()).isTrue();
        assertThat(policy.get("rateLimitRpm").asInt()).isEqualTo(1000);
        assertThat(policy.get("allowedFeatures")).isEmpty();
        assertThat(policy.get("effectiveFeatures")).extracting(JsonNode::asText)
                .contains("vault", "telemetry", "identity", "rules", "payments");
        assertThat(policy.get("updatedAt").isNull()).isTrue();
    }

    @Test
    void everyChangeIsAnEventNamingItsActorAndTheChangedFields() throws Exception {
        String tenant = api.createTenant("policy-events");
        policies.setPolicy(tenant, Map.of("sandbox", true));
        policies.setPolicy(tenant, Map.of("sandbox", true, "rateLimitRpm", 10));
        policies.setPolicy(tenant, Map.of("sandbox", true, "rateLimitRpm", 10)); // unchanged: no event

        List<Map<String, Object>> events = jdbc.queryForList("""
                SELECT convert_from(payload, 'UTF8') AS payload, convert_from(metadata, 'UTF8') AS metadata
                FROM domainevententry WHERE aggregateidentifier = ?
                  AND payloadtype = 'io.p3protocol.kernel.policy.TenantPolicyChangedEvent' ORDER BY sequencenumber""",
                tenant);

        assertThat(events).hasSize(2);
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        assertThat(json.readTree((String) events.get(0).get("payload")).get("changedFields"))
                .extracting(JsonNode::asText).containsExactly("sandbox", "sandboxChain");
        assertThat(json.readTree((String) events.get(1).get("payload")).get("changedFields"))
                .extracting(JsonNode::asText).containsExactly("rateLimitRpm");
        for (Map<String, Object> event : events) {
            assertThat(json.readTree((String) event.get("metadata")).get("actor").asText()).isEqualTo("platform-admin");
        }
    }

    @Test
    void anUnknownSandboxChainIs400NamingTheField() {
        String tenant = api.createTenant("policy-bad-chain");

        TestApi.Response r = policies.putPolicy(tenant, TestApi.ADMIN_KEY, Map.of("sandbox", true,
                "sandboxChain", "ethereum"));

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().get("code").asText()).isEqualTo("validation_failed");
        assertThat(fields(r)).containsExactly("sandboxChain");
    }

    @Test
    void anUnknownFeatureIs400NamingTheField() {
        String tenant = api.createTenant("policy-bad-feature");

        TestApi.Response r = policies.putPolicy(tenant, TestApi.ADMIN_KEY, Map.of("sandbox", false,
                "allowedFeatures", List.of("vault", "teleportation")));

        assertThat(r.status()).isEqualTo(400);
        assertThat(fields(r)).containsExactly("allowedFeatures");
        assertThat(r.json().get("errors").get(0).get("message").asText()).contains("teleportation");
    }

    @Test
    void onlyThePlatformAdminMaySetAPolicy() {
        String tenant = api.createTenant("policy-own-admin");
        String ownAdmin = api.issueKey(tenant, "admin").get("apiKey").asText();

        TestApi.Response r = policies.putPolicy(tenant, ownAdmin, Map.of("sandbox", false));

        assertThat(r.status()).isEqualTo(403);
        assertThat(r.json().get("code").asText()).isEqualTo("forbidden");
    }

    @Test
    void aPolicyForAnUnknownTenantIs404() {
        TestApi.Response r = policies.putPolicy(java.util.UUID.randomUUID().toString(), TestApi.ADMIN_KEY,
                Map.of("sandbox", true));

        assertThat(r.status()).isEqualTo(404);
        assertThat(r.contentType()).startsWith("application/problem+json");
    }
}
