package io.p3protocol.app.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.p3protocol.app.support.Await;
import io.p3protocol.app.support.IntegrationTest;
import io.p3protocol.app.support.TestApi;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A full reset and replay of the trigger processor re-evaluates every event against the rules as they were, and
 * creates no new execution: identical triggers, and no action runs again (the ledger is allocated once).
 */
@IntegrationTest
class RuleTriggerReplayTest {
    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    private long count(String sql, Object... args) {
        return jdbc.queryForObject(sql, Long.class, args);
    }

    @Test
    void aReplayOfTheTriggerProcessorRepeatsNoTriggerAndNoSideEffect() {
        TestApi api = new TestApi(port);
        RulesApi rules = new RulesApi(api, "rules-replay");
        String target = rules.recordLedgerEvent("100", "target");
        String ruleId = rules.createRule("allocate", RulesApi.ledgerMemo("replay"), RulesApi.allocate(target), null,
                null);
        rules.recordLedgerEvent("1", "replay");
        // the rule is switched off afterwards: a replay must still see it as active at the time of that event
        assertThat(api.post("/api/rules/" + ruleId + "/status", rules.operatorKey, Map.of("status", "inactive"))
                .status()).isEqualTo(200);
        rules.recordLedgerEvent("1", "replay");
        rules.awaitTriggers("the execution completed", Map.of("ruleId", ruleId),
                t -> t.size() == 1 && t.get(0).get("status").asText().equals("COMPLETED"));
        rules.awaitTriggerProcessorCaughtUp();
        List<JsonNode> before = rules.triggers(Map.of());
        long triggeredEvents = count("SELECT count(*) FROM domainevententry WHERE payloadtype = "
                + "'io.p3protocol.kernel.rules.RuleTriggeredEvent' AND aggregateidentifier LIKE ?", ruleId + "@%");
        long allocations = count("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ? AND "
                + "payloadtype = 'io.p3protocol.kernel.ledger.LedgerAllocatedEvent'", target);
        assertThat(triggeredEvents).isEqualTo(1);
        assertThat(allocations).isEqualTo(1);

        TestApi.Response replay = api.post("/actuator/processors/rule-triggers/replay", TestApi.ADMIN_KEY, null);
        assertThat(replay.status()).as(replay.body()).isEqualTo(202);
        Await.until(Duration.ofSeconds(60), "replay of rule-triggers done", () -> rules.processor("rule-triggers"),
                p -> !p.get("replaying").asBoolean() && p.get("lag").asLong() == 0);
        // a new event after the replay proves the processor is live again with the rule still inactive
        rules.recordLedgerEvent("1", "replay");
        rules.awaitTriggerProcessorCaughtUp();

        assertThat(rules.triggers(Map.of())).isEqualTo(before);
        assertThat(count("SELECT count(*) FROM domainevententry WHERE payloadtype = "
                + "'io.p3protocol.kernel.rules.RuleTriggeredEvent' AND aggregateidentifier LIKE ?", ruleId + "@%"))
                .isEqualTo(triggeredEvents);
        assertThat(count("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ? AND "
                + "payloadtype = 'io.p3protocol.kernel.ledger.LedgerAllocatedEvent'", target)).isEqualTo(allocations);
        assertThat(count("SELECT count(*) FROM deadletterentry WHERE processinggroup = 'rule-triggers'"))
                .as("re-triggering an existing execution is ignored, not a failure").isZero();
    }

    @Test
    void theActionRunnerRefusesAReplay() {
        TestApi.Response replay = new TestApi(port).post("/actuator/processors/rule-actions/replay",
                TestApi.ADMIN_KEY, null);
        assertThat(replay.status()).as(replay.body()).isEqualTo(409);
        assertThat(replay.json().get("code").asText()).isEqualTo("replay_not_supported");
    }
}
