package io.p3protocol.app.rules;

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
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Live events trigger rules: the trigger processor, the executions, the actions and rule_triggers, end to end. */
@IntegrationTest
class RulesTriggeringTest {
    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    RulesApi rules;

    @BeforeEach
    void setUp() {
        rules = new RulesApi(new TestApi(port), "rules-triggering");
    }

    private long storedEvents(String aggregateId, String payloadType) {
        return jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ? "
                + "AND payloadtype = ?", Long.class, aggregateId, payloadType);
    }

    private static boolean hasStatus(List<JsonNode> triggers, String status) {
        return triggers.size() == 1 && triggers.get(0).get("status").asText().equals(status);
    }

    @Test
    void aMatchingEventRunsTheActionsAndRecordsTheTrigger() throws Exception {
        String target = rules.recordLedgerEvent("1000", "target");
        String ruleId = rules.createRule("split revenue", RulesApi.ledgerMemo("revenue"),
                RulesApi.JSON.createArrayNode().add(RulesApi.allocate(target)).add(RulesApi.journal("revenue.split")),
                null, null);

        String revenue = rules.recordLedgerEvent("10", "revenue");

        JsonNode trigger = rules.awaitTriggers("the rule's execution completed", Map.of("ruleId", ruleId),
                t -> hasStatus(t, "COMPLETED")).get(0);
        assertThat(trigger.get("eventType").asText()).isEqualTo("LedgerEventRecordedEvent");
        assertThat(trigger.get("mode").asText()).isEqualTo("LIVE");
        assertThat(trigger.get("matched").asBoolean()).isTrue();
        assertThat(trigger.get("attempts").asInt()).isEqualTo(1);
        JsonNode results = RulesApi.json(trigger.get("results").asText());
        assertThat(results).hasSize(2);
        assertThat(results.get(0).get("success").asBoolean()).isTrue();
        assertThat(results.get(0).get("result").get("totalAmount").asText()).isEqualTo("1000");
        assertThat(results.get(0).get("result").get("allocations").get(1).get("amount").asText()).isEqualTo("300");
        assertThat(results.get(0).get("metadata").get("count").asInt()).isEqualTo(3);
        assertThat(results.get(1).get("success").asBoolean()).isTrue();
        assertThat(results.get(1).get("result").get("source").asText()).isEqualTo("rule:" + ruleId);
        assertThat(storedEvents(target, "io.p3protocol.kernel.ledger.LedgerAllocatedEvent")).isEqualTo(1);
        String emission = trigger.get("executionId").asText() + "#1";
        assertThat(storedEvents(emission, "io.p3protocol.kernel.plugins.PluginEventEmittedEvent")).isEqualTo(1);
        assertThat(trigger.get("eventId").asText()).isEqualTo(jdbc.queryForObject(
                "SELECT eventidentifier FROM domainevententry WHERE aggregateidentifier = ?", String.class, revenue));
    }

    @Test
    void rulesAreEvaluatedInPriorityOrderAndInactiveRulesNeverFire() {
        String low = rules.createRule("low", RulesApi.ledgerMemo("order"), RulesApi.journal("low"), 1, null);
        String high = rules.createRule("high", RulesApi.ledgerMemo("order"), RulesApi.journal("high"), 500, null);
        String inactive = rules.createRule("off", RulesApi.ledgerMemo("order"), RulesApi.journal("off"), 200,
                "inactive");
        String middle = rules.createRule("default priority", RulesApi.ledgerMemo("order"), RulesApi.journal("mid"),
                null, null);

        rules.recordLedgerEvent("1", "order");

        // "low" is evaluated last: once its trigger is visible, every earlier one is too (one ordered stream).
        List<JsonNode> triggers = rules.awaitTriggers("the lowest-priority rule fired", Map.of(),
                t -> t.stream().anyMatch(n -> n.get("ruleId").asText().equals(low)));
        assertThat(triggers).extracting(n -> n.get("ruleId").asText()).containsExactly(high, middle, low)
                .doesNotContain(inactive);
    }

    @Test
    void anotherTenantsEventsNeverTriggerTheRule() {
        String ruleId = rules.createRule("mine only", RulesApi.ledgerMemo("shared-memo"), RulesApi.journal("x"),
                null, null);
        RulesApi other = new RulesApi(rules.api, "rules-other-tenant");
        String otherRule = other.createRule("control", RulesApi.ledgerMemo("shared-memo"), RulesApi.journal("y"),
                null, null);

        other.recordLedgerEvent("5", "shared-memo");

        other.awaitTriggers("the other tenant's own rule fired", Map.of("ruleId", otherRule), t -> t.size() == 1);
        rules.awaitTriggerProcessorCaughtUp();
        assertThat(rules.triggers(Map.of("ruleId", ruleId))).isEmpty();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM rule_triggers WHERE rule_id = ?", Long.class, ruleId))
                .isZero();
    }

    @Test
    void aTestingRuleRecordsWhatItWouldHaveDoneAndDoesNothing() {
        String target = rules.recordLedgerEvent("400", "target");
        String ruleId = rules.createRule("trial", RulesApi.ledgerMemo("trial"), RulesApi.allocate(target), null,
                "testing");

        rules.recordLedgerEvent("1", "trial");

        JsonNode trigger = rules.awaitTriggers("the testing rule recorded", Map.of("ruleId", ruleId),
                t -> t.size() == 1).get(0);
        assertThat(trigger.get("mode").asText()).isEqualTo("TESTING");
        assertThat(trigger.get("status").asText()).isEqualTo("RECORDED");
        JsonNode result = RulesApi.json(trigger.get("results").asText()).get(0);
        assertThat(result.get("result").get("simulated").asBoolean()).isTrue();
        assertThat(result.get("metadata").get("dryRun").asBoolean()).isTrue();
        rules.awaitTriggerProcessorCaughtUp();
        assertThat(storedEvents(target, "io.p3protocol.kernel.ledger.LedgerAllocatedEvent")).isZero();
    }

    @Test
    void aConditionErrorIsRecordedWithTheOriginalsMessage() {
        String ruleId = rules.createRule("broken in", RulesApi.json("""
                {"logic":"and","conditions":[{"field":"memo","operator":"eq","value":"in-error"},
                 {"field":"amount","operator":"in","value":5}]}"""), RulesApi.journal("x"), null, null);

        rules.recordLedgerEvent("1", "in-error");

        JsonNode trigger = rules.awaitTriggers("the error recorded", Map.of("ruleId", ruleId, "matched", false),
                t -> t.size() == 1).get(0);
        assertThat(trigger.get("error").asText()).isEqualTo("Value for \"in\" operator must be an array");
        assertThat(trigger.get("status").asText()).isEqualTo("RECORDED");
    }

    @Test
    void failedActionsAreRecordedAndTheExecutionWaitsInTheDeadLetterQueue() {
        String ruleId = rules.createRule("hook", RulesApi.ledgerMemo("hook"), RulesApi.json("""
                [{"type":"webhook","url":"http://127.0.0.1:9/hook"},
                 {"type":"plugin_emit","pluginId":"no-such-plugin","eventType":"x"}]"""), null, null);

        rules.recordLedgerEvent("1", "hook");

        JsonNode trigger = rules.awaitTriggers("the failed attempt recorded", Map.of("ruleId", ruleId),
                t -> hasStatus(t, "FAILED")).get(0);
        JsonNode results = RulesApi.json(trigger.get("results").asText());
        assertThat(results.get(0).get("success").asBoolean()).isFalse();
        assertThat(results.get(0).get("error").asText()).startsWith("Webhook refused: 127.0.0.1 resolves to 127.0.0.1");
        assertThat(results.get(1).get("error").asText()).isEqualTo("Plugin no-such-plugin not found");
        String executionId = trigger.get("executionId").asText();
        Await.until(Duration.ofSeconds(30), "the execution dead-lettered", () -> jdbc.queryForObject(
                "SELECT count(*) FROM deadletterentry WHERE processinggroup = 'rule-actions' "
                        + "AND sequenceidentifier = ?", Long.class, executionId) > 0);
        assertThat(jdbc.queryForObject("SELECT causemessage FROM deadletterentry WHERE processinggroup = "
                + "'rule-actions' AND sequenceidentifier = ? ORDER BY sequenceindex LIMIT 1", String.class, executionId))
                .contains("action 0 failed: Webhook refused: 127.0.0.1")
                .contains("action 1 failed: Plugin no-such-plugin not found");
    }

    @Test
    void anAnchorActionWithAnchoringOffFailsHonestlyAndAnchorsNothing() {
        String root = "0x" + "ab".repeat(32);
        String ruleId = rules.createRule("anchor it", RulesApi.ledgerMemo("anchor-off"), RulesApi.json("""
                {"type":"anchor","eventHash":"%s"}""".formatted(root)), null, null);

        rules.recordLedgerEvent("1", "anchor-off");

        JsonNode trigger = rules.awaitTriggers("the failed attempt recorded", Map.of("ruleId", ruleId),
                t -> hasStatus(t, "FAILED")).get(0);
        JsonNode result = RulesApi.json(trigger.get("results").asText()).get(0);
        assertThat(result.get("success").asBoolean()).isFalse();
        assertThat(result.get("error").asText()).startsWith("Anchoring is not configured");
        assertThat(result.has("result")).isFalse(); // no anchor id, no transaction hash, nothing invented
        assertThat(new TestApi(port).get("/api/anchoring/anchors/" + root, TestApi.ADMIN_KEY).status()).isEqualTo(404);
    }

    /**
     * Events committed out of global order (concurrent commands) fill gaps behind the processors' tokens. Each
     * trigger must still be listed, at its own event's position: they were once placed at the token's position,
     * which two events can share, and the second went to the dead-letter queue.
     */
    @Test
    void everyTriggerIsListedWhenEventsCommitOutOfOrder() throws Exception {
        for (int i = 0; i < 5; i++) {
            rules.createRule("burst " + i, RulesApi.ledgerMemo("burst"), RulesApi.journal("burst." + i), null, null);
        }
        long deadLettersBefore = jdbc.queryForObject(
                "SELECT count(*) FROM deadletterentry WHERE processinggroup = 'rule-views'", Long.class);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<String>> sent = new java.util.ArrayList<>();
            for (int i = 0; i < 40; i++) {
                sent.add(pool.submit(() -> rules.recordLedgerEvent("3", "burst")));
            }
            for (var f : sent) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }

        List<JsonNode> triggers = rules.awaitTriggers("200 burst triggers listed", Map.of(), t -> t.stream()
                .filter(n -> n.get("ruleName").asText().startsWith("burst ")).count() >= 200);

        assertThat(triggers.stream().filter(n -> n.get("ruleName").asText().startsWith("burst "))).hasSize(200);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM deadletterentry WHERE processinggroup = 'rule-views'",
                Long.class)).isEqualTo(deadLettersBefore);
        assertThat(jdbc.queryForObject("""
                SELECT count(*) FROM rule_triggers t JOIN domainevententry e ON e.globalindex = t.list_position
                WHERE t.rule_name LIKE 'burst %' AND e.payloadtype <> 'io.p3protocol.kernel.rules.RuleTriggeredEvent'""",
                Long.class)).isZero();
    }
}
