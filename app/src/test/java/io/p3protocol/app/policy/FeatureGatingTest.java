package io.p3protocol.app.policy;

import io.p3protocol.app.support.IntegrationTest;
import io.p3protocol.app.support.TestApi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class FeatureGatingTest {
    @LocalServerPort
    int port;
    TestApi api;
    PolicyApi policies;

    @BeforeEach
    void setUp() {
        api = new TestApi(port);
        policies = new PolicyApi(api);
    }

    @Test
    void aFeatureOutsideTheAllowedSetIs403FeatureNotAllowed() {
        String tenant = api.createTenant("features-limited");
        String key = api.issueKey(tenant, "admin").get("apiKey").asText();
        policies.setPolicy(tenant, Map.of("sandbox", false, "allowedFeatures", List.of("payments")));

        TestApi.Response vault = api.get("/api/vault/secrets", key);
        TestApi.Response rules = api.post("/api/rules", key, Map.of());

        for (TestApi.Response r : List.of(vault, rules)) {
            assertThat(r.status()).isEqualTo(403);
            assertThat(r.contentType()).startsWith("application/problem+json");
            assertThat(r.json().get("code").asText()).isEqualTo("feature_not_allowed");
        }
    }

    @Test
    void aFeatureInTheAllowedSetPasses() {
        String tenant = api.createTenant("features-allowed");
        String key = api.issueKey(tenant, "operator").get("apiKey").asText();
        policies.setPolicy(tenant, Map.of("sandbox", false, "allowedFeatures", List.of("payments")));

        TestApi.Response r = policies.transfer(key, "sepolia");

        assertThat(r.status()).as(r.body()).isEqualTo(202);
    }

    @Test
    void anEmptySetMeansEveryFeature() {
        String tenant = api.createTenant("features-default");
        String key = api.issueKey(tenant, "admin").get("apiKey").asText();
        policies.setPolicy(tenant, Map.of("sandbox", false, "allowedFeatures", List.of()));

        TestApi.Response vault = api.get("/api/vault/secrets", key);

        assertThat(vault.status()).as(vault.body()).isNotEqualTo(403);
    }

    @Test
    void routesOfNoFeatureAreNeverGated() {
        String tenant = api.createTenant("features-ungated");
        String key = api.issueKey(tenant, "admin").get("apiKey").asText();
        policies.setPolicy(tenant, Map.of("sandbox", false, "allowedFeatures", List.of("payments")));

        TestApi.Response rename = api.post("/api/tenants/" + tenant + "/rename", key, Map.of("name", "still mine"));

        assertThat(rename.status()).isEqualTo(200);
    }

    @Test
    void aGraphQlFieldOfAFeatureOutsideTheAllowedSetIsForbiddenWhileTheOthersAnswer() {
        String tenant = api.createTenant("features-graphql");
        String key = api.issueKey(tenant, "admin").get("apiKey").asText();
        policies.setPolicy(tenant, Map.of("sandbox", false, "allowedFeatures", List.of("rules")));

        TestApi.Response r = api.post("/graphql", key, Map.of("query", "{ secret(name: \"JWT_SECRET\") { name } rules { id } }"));

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().at("/errors/0/extensions/code").asText()).isEqualTo("feature_not_allowed");
        assertThat(r.json().at("/errors/0/extensions/classification").asText()).isEqualTo("FORBIDDEN");
        assertThat(r.json().at("/errors/0/path/0").asText()).isEqualTo("secret");
        assertThat(r.json().at("/errors").size()).isEqualTo(1);
        assertThat(r.json().at("/data/rules").isArray()).isTrue();
    }

    @Test
    void aGraphQlFieldOfAnAllowedFeatureAnswers() {
        String tenant = api.createTenant("features-graphql-allowed");
        String key = api.issueKey(tenant, "admin").get("apiKey").asText();
        policies.setPolicy(tenant, Map.of("sandbox", false, "allowedFeatures", List.of("vault")));

        TestApi.Response r = api.post("/graphql", key, Map.of("query", "{ secrets { name } }"));

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().has("errors")).as(r.body()).isFalse();
        assertThat(r.json().at("/data/secrets").isArray()).isTrue();
    }
}
