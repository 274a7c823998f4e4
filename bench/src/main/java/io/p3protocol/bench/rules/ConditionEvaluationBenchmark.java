package io.p3protocol.bench.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.p3protocol.command.rules.conditions.Condition;
import io.p3protocol.command.rules.conditions.ConditionParser;
import io.p3protocol.command.rules.conditions.js.JsJson;
import io.p3protocol.command.rules.conditions.js.JsValue;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Rule condition evaluation, single-threaded, as the trigger processor does it: the event is converted once
 * ({@link #convertEvent}), then each rule's parsed condition is evaluated against it. Target: at least 100,000
 * evaluations/s on one core for a 5-node nested condition ({@link #fiveNodeCondition}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class ConditionEvaluationBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** 5 nodes: and(eq, or(gt, in)). Matches the event: every node is evaluated except the short-circuited "in". */
    static final String FIVE_NODES = """
            {"logic":"and","conditions":[
              {"field":"eventType","operator":"eq","value":"PaymentReceived"},
              {"logic":"or","conditions":[
                {"field":"payload.amount","operator":"gt","value":100},
                {"field":"payload.country","operator":"in","value":["DE","FR","NL","BE","LU"]}]}]}""";
    /** 5 nodes, evaluated to the end (no short-circuit), with a string comparison, a path index and a RegExp. */
    static final String FIVE_NODES_WITH_REGEXP = """
            {"logic":"and","conditions":[
              {"field":"tenantId","operator":"ne","value":"t-other"},
              {"logic":"or","conditions":[
                {"field":"payload.tags.1","operator":"eq","value":"gold"},
                {"field":"payload.email","operator":"matches","value":"@example\\\\.(org|com)$"}]}]}""";
    static final String EVENT = """
            {"eventType":"PaymentReceived","tenantId":"t-0042","aggregateId":"a8d1c0de-5a7e-4c61-9b0e-3d2f6a1b9c77",
             "timestamp":"2025-05-17T10:15:30.123Z",
             "payload":{"amount":250.75,"currency":"EUR","country":"NL","email":"alice@example.org",
                        "tags":["new","vip"],"customer":{"id":"c-17","tier":3},"reference":"INV-2025-000123"}}""";

    private Condition fiveNodes;
    private Condition fiveNodesWithRegExp;
    private JsonNode eventJson;
    private JsValue event;

    @Setup
    public void setUp() throws Exception {
        fiveNodes = ConditionParser.parseValid(JSON.readTree(FIVE_NODES));
        fiveNodesWithRegExp = ConditionParser.parseValid(JSON.readTree(FIVE_NODES_WITH_REGEXP));
        eventJson = JSON.readTree(EVENT);
        event = JsJson.toJs(eventJson);
        if (!fiveNodes.test(event) || !fiveNodesWithRegExp.test(event)) {
            throw new IllegalStateException("the benchmark conditions must match the event");
        }
    }

    @Benchmark
    public boolean fiveNodeCondition() {
        return fiveNodes.test(event);
    }

    @Benchmark
    public boolean fiveNodeConditionWithRegExp() {
        return fiveNodesWithRegExp.test(event);
    }

    /** Once per event, before its rules are evaluated. */
    @Benchmark
    public JsValue convertEvent() {
        return JsJson.toJs(eventJson);
    }
}
