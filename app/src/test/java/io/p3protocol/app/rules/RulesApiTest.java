package io.p3protocol.app.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.p3protocol.app.support.Await;
import io.p3protocol.app.support.IntegrationTest;
import io.p3protocol.app.support.TestApi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Rule CRUD, validation and the dry run over real HTTP. */
@IntegrationTest
class RulesApiTest {
    private static final String RULE_QUERY = """
            query($id: ID!) { rule(id: $id) { id name description priority status executionCount condition action } }""";

    @LocalServerPort
    int port;
    TestApi api;
    RulesApi rules;

    @BeforeEach
    void setUp() {
        api = new TestApi(port);
        rules = new RulesApi(api, "rules-api");
    }

    private TestApi.Response send(String method, String path, String key, String body) {
        return api.send(HttpRequest.newBuilder(URI.create(api.base() + path)).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)), key);
    }

    private JsonNode ruleView(String ruleId) {
        TestApi.Response r = api.post("/graphql", rules.operatorKey,
                Map.of("query", RULE_QUERY, "variables", Map.of("id", ruleId)));
        return r.json().get("data").get("rule");
    }

    @Test
    void anInvalidRuleIs400WithTheOriginalsMessagesInOrder() {
        TestApi.Response r = api.post("/api/rules", rules.operatorKey, RulesApi.json("""
                {"name":"bad","condition":{"logic":"and","conditions":[{},{"logic":"or","conditions":[
                  {"field":"x","operator":"eq"},{"operator":"gt","value":1}]}]},
                 "action":[{"type":"webhook"},{"type":"ledger_allocate","ledgerEventId":"l",
                   "allocations":[{"bucket":"ops","percent":60},{"bucket":"grants","percent":39.98}]}]}"""));

        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().get("code").asText()).isEqualTo("validation_failed");
        assertThat(r.json().get("errors")).extracting(e -> e.get("field").asText() + ": " + e.get("message").asText())
                .containsExactly(
                        "condition: Sub-condition 0: Simple condition must have a field",
                        "condition: Sub-condition 0: Condition must have an operator",
                        "condition: Sub-condition 1: Sub-condition 0: Operator eq requires a value",
                        "condition: Sub-condition 1: Sub-condition 1: Simple condition must have a field",
                        "action: Action 0: url is required for webhook action",
                        "action: Action 1: Allocations must sum to 100%, got 99.98%");
    }

    @Test
    void aRuleIsCreatedWithTheDefaultsUpdatedAndDeleted() {
        String ruleId = rules.createRule("first", RulesApi.ledgerMemo("x"), RulesApi.journal("e"), null, null);
        JsonNode created = Await.until(Duration.ofSeconds(30), "rule visible", () -> ruleView(ruleId),
                v -> v != null && !v.isNull());
        assertThat(created.get("priority").asInt()).isEqualTo(100);
        assertThat(created.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(created.get("executionCount").asLong()).isZero();

        assertThat(send("PATCH", "/api/rules/" + ruleId, rules.operatorKey, "{\"priority\":7}").status())
                .isEqualTo(200);
        assertThat(api.post("/api/rules/" + ruleId + "/status", rules.operatorKey, Map.of("status", "testing"))
                .status()).isEqualTo(200);
        JsonNode updated = Await.until(Duration.ofSeconds(30), "rule updated", () -> ruleView(ruleId),
                v -> v.get("status").asText().equals("TESTING") && v.get("priority").asInt() == 7);
        assertThat(updated.get("name").asText()).isEqualTo("first");

        assertThat(send("DELETE", "/api/rules/" + ruleId, rules.operatorKey, null).status()).isEqualTo(204);
        Await.until(Duration.ofSeconds(30), "rule gone", () -> ruleView(ruleId), JsonNode::isNull);
        assertThat(send("DELETE", "/api/rules/" + ruleId, rules.operatorKey, null).status()).isEqualTo(404);
    }

    @Test
    void aPutWithoutConditionIs400AndAnUnknownStatusToo() {
        String ruleId = rules.createRule("put", RulesApi.ledgerMemo("x"), RulesApi.journal("e"), null, null);
        TestApi.Response put = send("PUT", "/api/rules/" + ruleId, rules.operatorKey,
                "{\"name\":\"n\",\"action\":{\"type\":\"anchor\",\"eventHash\":\"h\"}}");
        assertThat(put.status()).isEqualTo(400);
        assertThat(put.json().get("errors").get(0).get("message").asText()).isEqualTo("Condition must be an object");
        TestApi.Response status = api.post("/api/rules/" + ruleId + "/status", rules.operatorKey,
                Map.of("status", "paused"));
        assertThat(status.status()).isEqualTo(400);
        assertThat(status.json().get("errors").get(0).get("message").asText())
                .isEqualTo("status must be one of active, inactive, testing");
    }

    @Test
    void anotherTenantsRuleIsNotFoundAndViewersCannotWrite() {
        String ruleId = rules.createRule("private", RulesApi.ledgerMemo("x"), RulesApi.journal("e"), null, null);
        RulesApi other = new RulesApi(api, "rules-api-other");
        assertThat(send("DELETE", "/api/rules/" + ruleId, other.operatorKey, null).status()).isEqualTo(404);
        String viewer = api.issueKey(rules.tenantId, "viewer").get("apiKey").asText();
        assertThat(send("DELETE", "/api/rules/" + ruleId, viewer, null).status()).isEqualTo(403);
        assertThat(api.post("/api/rules", TestApi.ADMIN_KEY, Map.of("name", "x")).json().get("code").asText())
                .isEqualTo("tenant_key_required");
    }

    @Test
    void aDryRunSimulatesTheActionsOfAMatch() {
        TestApi.Response r = api.post("/api/rules/dry-run", rules.operatorKey, RulesApi.json("""
                {"condition":{"field":"amount","operator":"gt","value":"100"},
                 "action":[{"type":"webhook","url":"https://example.org/hook"},
                           {"type":"plugin_emit","pluginId":"journal"}],
                 "event":{"amount":150}}"""));

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode body = r.json();
        assertThat(body.get("matched").asBoolean()).isTrue();
        assertThat(body.get("error").isNull()).isTrue();
        assertThat(body.get("actionResults").get(0).get("result").get("payload").get("amount").asInt()).isEqualTo(150);
        assertThat(body.get("actionResults").get(0).get("metadata").get("dryRun").asBoolean()).isTrue();
        assertThat(body.get("actionResults").get(1).get("error").asText())
                .isEqualTo("eventType is required for plugin_emit action");
    }

    @Test
    void aConditionThatThrowsIsAnUnmatchedDryRunWithTheOriginalsMessage() {
        TestApi.Response r = api.post("/api/rules/dry-run", rules.operatorKey, RulesApi.json("""
                {"condition":{"field":"x","operator":"in","value":"not an array"},
                 "action":{"type":"anchor","eventHash":"h"},"event":{"x":1}}"""));

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("matched").asBoolean()).isFalse();
        assertThat(r.json().get("error").asText()).isEqualTo("Value for \"in\" operator must be an array");
        assertThat(r.json().get("actionResults")).isEmpty();
    }

    @Test
    void aDryRunWithAnInvalidConditionIs400() {
        TestApi.Response r = api.post("/api/rules/dry-run", rules.operatorKey, RulesApi.json("""
                {"condition":{"logic":"xor","conditions":[]},"action":{"type":"anchor","eventHash":"h"}}"""));

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("errors")).extracting(e -> e.get("message").asText()).containsExactly(
                "Composite condition must have logic set to \"and\" or \"or\"",
                "Composite condition must have at least one sub-condition");
    }
}
