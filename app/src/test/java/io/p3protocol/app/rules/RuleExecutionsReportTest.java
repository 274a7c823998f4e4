package io.p3protocol.app.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.p3protocol.app.support.IntegrationTest;
import io.p3protocol.app.support.TestApi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /api/reports/rule-executions}: replayed from the rule execution events, for a known sequence of rules
 * and events, as of an instant, tenant-scoped.
 */
@IntegrationTest
class RuleExecutionsReportTest {
    private static final String REPORT = "/api/reports/rule-executions";

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    TestApi api;

    @BeforeEach
    void setUp() {
        api = new TestApi(port);
    }

    private JsonNode report(String query, String key) {
        TestApi.Response response = api.get(REPORT + query, key);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    private String eventIdOf(String ledgerEventId) {
        return jdbc.queryForObject("SELECT eventidentifier FROM domainevententry WHERE aggregateidentifier = ?",
                String.class, ledgerEventId);
    }

    private static List<JsonNode> rows(JsonNode report) {
        return StreamSupport.stream(report.get("data").get("rows").spliterator(), false).toList();
    }

    /** A tenant whose live rule and testing rule match "paid" ledger events; one "paid" and one "refund" event. */
    private record Scenario(RulesApi rules, String adminKey, String liveRule, String testingRule, String paidEventId,
                            Instant beforePaid) {
    }

    private Scenario scenario(String name) {
        RulesApi rules = new RulesApi(api, name);
        String adminKey = api.issueKey(rules.tenantId, "admin").get("apiKey").asText();
        String live = rules.createRule("journal paid", RulesApi.ledgerMemo("paid"), RulesApi.journal("paid.seen"),
                null, null);
        String testing = rules.createRule("try paid", RulesApi.ledgerMemo("paid"), RulesApi.journal("paid.try"),
                200, "testing");
        rules.createRule("never", RulesApi.ledgerMemo("paid"), RulesApi.journal("off"), 300, "inactive");
        rules.awaitTriggerProcessorCaughtUp();
        AuditSleep.millis(5);
        Instant beforePaid = Instant.now();
        AuditSleep.millis(5);
        String paid = rules.recordLedgerEvent("10", "paid");
        rules.recordLedgerEvent("3", "refund");
        rules.awaitTriggers("the live rule's execution completed", Map.of("ruleId", live),
                t -> t.size() == 1 && t.get(0).get("status").asText().equals("COMPLETED"));
        rules.awaitTriggerProcessorCaughtUp();
        return new Scenario(rules, adminKey, live, testing, eventIdOf(paid), beforePaid);
    }

    @Test
    void itListsWhichRulesFiredOnWhichEventsWithWhichResults() {
        Scenario s = scenario("rule-report");

        JsonNode report = report("", s.adminKey());

        JsonNode data = report.get("data");
        assertThat(report.get("tenantId").asText()).isEqualTo(s.rules().tenantId);
        assertThat(data.get("executions").asInt()).isEqualTo(2); // live + testing on "paid"; inactive never; refund no match
        assertThat(data.get("completed").asInt()).isEqualTo(1);
        assertThat(data.get("recorded").asInt()).isEqualTo(1);
        List<JsonNode> rows = rows(report);
        // evaluated in priority order: the testing rule (200) before the live one (100)
        assertThat(rows).extracting(r -> r.get("ruleId").asText()).containsExactly(s.testingRule(), s.liveRule());
        assertThat(rows).allSatisfy(r -> {
            assertThat(r.get("eventId").asText()).isEqualTo(s.paidEventId());
            assertThat(r.get("eventType").asText()).isEqualTo("LedgerEventRecordedEvent");
            assertThat(r.get("matched").asBoolean()).isTrue();
        });
        JsonNode testing = rows.get(0);
        assertThat(testing.get("mode").asText()).isEqualTo("TESTING");
        assertThat(testing.get("status").asText()).isEqualTo("RECORDED");
        assertThat(testing.get("results").get(0).get("metadata").get("dryRun").asBoolean()).isTrue();
        JsonNode live = rows.get(1);
        assertThat(live.get("mode").asText()).isEqualTo("LIVE");
        assertThat(live.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(live.get("attempts").asInt()).isEqualTo(1);
        assertThat(live.get("results").get(0).get("success").asBoolean()).isTrue();
        assertThat(live.get("results").get(0).get("result").get("source").asText()).isEqualTo("rule:" + s.liveRule());
        assertThat(data.get("rules")).hasSize(2);
    }

    @Test
    void asOfAnInstantBeforeTheEventNothingHadFired() {
        Scenario s = scenario("rule-report-as-of");

        JsonNode before = report("?asOf=" + s.beforePaid(), s.adminKey());

        assertThat(before.get("data").get("executions").asInt()).isZero();
        assertThat(rows(before)).isEmpty();
        assertThat(report("", s.adminKey()).get("data").get("executions").asInt()).isEqualTo(2);
    }

    @Test
    void aTenantSeesOnlyItsOwnExecutionsAndThePlatformAdminAnyTenants() {
        Scenario own = scenario("rule-report-own");
        Scenario other = scenario("rule-report-other");

        JsonNode ownReport = report("", own.adminKey());
        JsonNode adminOnOther = report("?tenantId=" + other.rules().tenantId, TestApi.ADMIN_KEY);

        assertThat(rows(ownReport)).isNotEmpty().allSatisfy(r ->
                assertThat(r.get("tenantId").asText()).isEqualTo(own.rules().tenantId));
        assertThat(rows(adminOnOther)).extracting(r -> r.get("eventId").asText()).containsOnly(other.paidEventId());
        assertThat(api.get(REPORT + "?tenantId=" + other.rules().tenantId, own.adminKey()).status()).isEqualTo(404);
    }

    /** Distinct millisecond timestamps around the asOf instant. */
    private static final class AuditSleep {
        static void millis(long millis) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
