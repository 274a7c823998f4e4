package io.p3protocol.app.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.p3protocol.app.support.Await;
import io.p3protocol.app.support.TestApi;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Rules over real HTTP: one tenant with an operator key, its rules, ledger events and triggers (via GraphQL). */
final class RulesApi {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final String TRIGGERS = """
            query($ruleId: ID, $eventType: String, $matched: Boolean, $first: Int, $after: String) {
              ruleTriggers(ruleId: $ruleId, eventType: $eventType, matched: $matched, first: $first, after: $after) {
                edges { node { executionId ruleId ruleName eventId eventType mode matched error status results
                               attempts durationMillis } }
                pageInfo { hasNextPage endCursor } } }""";

    final TestApi api;
    final String tenantId;
    final String operatorKey;

    RulesApi(TestApi api, String tenantName) {
        this.api = api;
        this.tenantId = api.createTenant(tenantName);
        this.operatorKey = api.issueKey(tenantId, "operator").get("apiKey").asText();
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    /** A condition matching ledger events recorded with this memo. */
    static JsonNode ledgerMemo(String memo) {
        return json("""
                {"logic":"and","conditions":[
                  {"field":"eventType","operator":"eq","value":"LedgerEventRecordedEvent"},
                  {"field":"memo","operator":"eq","value":"%s"}]}""".formatted(memo));
    }

    static JsonNode journal(String eventType) {
        return json("{\"type\":\"plugin_emit\",\"pluginId\":\"journal\",\"eventType\":\"" + eventType + "\"}");
    }

    static JsonNode allocate(String ledgerEventId) {
        return json("""
                {"type":"ledger_allocate","ledgerEventId":"%s","allocations":[
                  {"bucket":"ops","percent":50},{"bucket":"r&d","percent":"30"},{"bucket":"reserve","percent":20}]}"""
                .formatted(ledgerEventId));
    }

    String createRule(String name, JsonNode condition, JsonNode action, Integer priority, String status) {
        Map<String, Object> body = new java.util.HashMap<>();
        body.put("name", name);
        body.put("condition", condition);
        body.put("action", action);
        if (priority != null) {
            body.put("priority", priority);
        }
        if (status != null) {
            body.put("status", status);
        }
        TestApi.Response r = api.post("/api/rules", operatorKey, body);
        if (r.status() != 201) {
            throw new AssertionError("rule creation failed: " + r);
        }
        return r.json().get("ruleId").asText();
    }

    String recordLedgerEvent(String amount, String memo) {
        TestApi.Response r = api.post("/api/ledger/events", operatorKey, Map.of("amount", json(amount), "memo", memo));
        if (r.status() != 201) {
            throw new AssertionError("ledger event failed: " + r);
        }
        return r.json().get("ledgerEventId").asText();
    }

    /** Every trigger of the tenant matching the variables, oldest first (all pages). */
    List<JsonNode> triggers(Map<String, Object> variables) {
        List<JsonNode> nodes = new ArrayList<>();
        String after = null;
        do {
            Map<String, Object> vars = new java.util.HashMap<>(variables);
            vars.put("first", 100);
            if (after != null) {
                vars.put("after", after);
            }
            TestApi.Response r = api.post("/graphql", operatorKey, Map.of("query", TRIGGERS, "variables", vars));
            if (r.status() != 200 || r.json().has("errors")) {
                throw new AssertionError("ruleTriggers failed: " + r);
            }
            JsonNode connection = r.json().get("data").get("ruleTriggers");
            connection.get("edges").forEach(e -> nodes.add(e.get("node")));
            after = connection.get("pageInfo").get("hasNextPage").asBoolean()
                    ? connection.get("pageInfo").get("endCursor").asText() : null;
        } while (after != null);
        return nodes;
    }

    List<JsonNode> awaitTriggers(String what, Map<String, Object> variables, Predicate<List<JsonNode>> done) {
        return Await.until(Duration.ofSeconds(30), what, () -> triggers(variables), done);
    }

    /** Waits until the trigger processor has handled every event stored so far (so a non-trigger is final). */
    void awaitTriggerProcessorCaughtUp() {
        Await.until(Duration.ofSeconds(30), "rule-triggers caught up", () -> processor("rule-triggers"),
                p -> p.get("lag").asLong() == 0 && !p.get("replaying").asBoolean());
        Await.until(Duration.ofSeconds(30), "rule-views caught up", () -> processor("rule-views"),
                p -> p.get("lag").asLong() == 0);
    }

    JsonNode processor(String name) {
        TestApi.Response r = api.get("/actuator/processors/" + name, TestApi.ADMIN_KEY);
        if (r.status() != 200) {
            throw new AssertionError(r.toString());
        }
        return r.json();
    }
}
