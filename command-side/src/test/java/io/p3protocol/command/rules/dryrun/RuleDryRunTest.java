package io.p3protocol.command.rules.dryrun;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.p3protocol.command.rules.conditions.ConditionParser;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Dry runs: {matched, error, actionResults} with simulated actions, as the original's evaluateRule(dryRun). */
class RuleDryRunTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EVENT = "{\"eventType\":\"PaymentReceived\",\"amount\":250,\"tenantId\":\"t1\"}";

    private static DryRunResult dryRun(String condition, String action, String event) throws Exception {
        return RuleDryRun.run(ConditionParser.parse(JSON.readTree(condition)), JSON.readTree(action),
                JSON.readTree(event));
    }

    private static JsonNode json(Object value) {
        return JSON.valueToTree(value);
    }

    @Test
    void aMatchingConditionSimulatesTheActionWithTheOriginalsShape() throws Exception {
        DryRunResult result = dryRun("{\"field\":\"amount\",\"operator\":\"gt\",\"value\":100}",
                "{\"type\":\"webhook\",\"url\":\"https://example.org/hook\"}", EVENT);

        assertThat(json(result)).isEqualTo(JSON.readTree("""
                {"matched":true,"error":null,"actionResults":[{"success":true,
                 "result":{"simulated":true,"url":"https://example.org/hook",
                           "payload":{"eventType":"PaymentReceived","amount":250,"tenantId":"t1"},"headers":{}},
                 "metadata":{"action":"webhook","dryRun":true}}]}"""));
    }

    @Test
    void aConditionThatDoesNotMatchRunsNoAction() throws Exception {
        DryRunResult result = dryRun("{\"field\":\"amount\",\"operator\":\"gt\",\"value\":1000}",
                "{\"type\":\"webhook\",\"url\":\"https://example.org/hook\"}", EVENT);

        assertThat(result).isEqualTo(new DryRunResult(false, null, java.util.List.of()));
    }

    @Test
    void aConditionErrorIsNotAMatchAndCarriesTheOriginalsMessage() throws Exception {
        DryRunResult result = dryRun("{\"field\":\"amount\",\"operator\":\"in\",\"value\":250}",
                "{\"type\":\"webhook\",\"url\":\"https://example.org/hook\"}", EVENT);

        assertThat(result.matched()).isFalse();
        assertThat(result.error()).isEqualTo("Value for \"in\" operator must be an array");
        assertThat(result.actionResults()).isEmpty();
    }

    @Test
    void everyActionOfAnArrayIsSimulatedInOrderEvenAfterOneFails() throws Exception {
        DryRunResult result = dryRun("{\"field\":\"eventType\",\"operator\":\"exists\"}", """
                [{"type":"plugin_emit","pluginId":"audit"},
                 {"type":"anchor","eventHash":"h1"},
                 {"type":"ledger_allocate","ledgerEventId":"L1","allocations":[{"bucket":"ops","percent":100}]},
                 {"type":"nope"}]""", EVENT);

        assertThat(json(result)).isEqualTo(JSON.readTree("""
                {"matched":true,"error":null,"actionResults":[
                 {"success":false,"error":"eventType is required for plugin_emit action",
                  "metadata":{"action":"plugin_emit"}},
                 {"success":true,"result":{"simulated":true,"eventHash":"h1","metadata":"","bundled":false},
                  "metadata":{"action":"anchor","dryRun":true}},
                 {"success":true,"result":{"simulated":true,"ledgerEventId":"L1",
                   "allocations":[{"bucket":"ops","percent":100}],"policyRef":"default"},
                  "metadata":{"action":"ledger_allocate","dryRun":true}},
                 {"success":false,"error":"Unknown action type: nope","metadata":{"action":"nope"}}]}"""));
    }

    @Test
    void givenPayloadAndPolicyReplaceTheDefaultsButFalsyOnesDoNot() throws Exception {
        DryRunResult result = dryRun("{\"field\":\"eventType\",\"operator\":\"exists\"}", """
                [{"type":"plugin_emit","pluginId":"p","eventType":"e","payload":{"custom":1}},
                 {"type":"plugin_emit","pluginId":"p","eventType":"e","payload":""}]""", EVENT);

        assertThat(json(result.actionResults().get(0).result().get("payload")))
                .isEqualTo(JSON.readTree("{\"custom\":1}"));
        assertThat(json(result.actionResults().get(1).result().get("payload"))).isEqualTo(JSON.readTree(EVENT));
    }

    @Test
    void aNullActionFailsTheWholeRuleLikeTheOriginalsTypeError() throws Exception {
        DryRunResult result = dryRun("{\"field\":\"eventType\",\"operator\":\"exists\"}",
                "[{\"type\":\"anchor\",\"eventHash\":\"h\"},null]", EVENT);

        assertThat(result).isEqualTo(DryRunResult.failed("Cannot read properties of null (reading 'type')"));
    }
}
