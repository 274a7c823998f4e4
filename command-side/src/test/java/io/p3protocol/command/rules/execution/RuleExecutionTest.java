package io.p3protocol.command.rules.execution;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.p3protocol.kernel.rules.ExecutionMode;
import io.p3protocol.kernel.rules.RecordRuleActionResultsCommand;
import io.p3protocol.kernel.rules.RuleExecutionCompletedEvent;
import io.p3protocol.kernel.rules.RuleExecutionFailedEvent;
import io.p3protocol.kernel.rules.RuleTriggeredEvent;
import io.p3protocol.kernel.rules.TriggerRuleCommand;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;

class RuleExecutionTest {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final JsonNode ACTION = NODES.objectNode().put("type", "plugin_emit");
    private static final JsonNode EVENT = NODES.objectNode().put("eventType", "X");
    private static final Instant AT = Instant.parse("2025-01-01T00:00:00Z");

    private AggregateTestFixture<RuleExecution> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(RuleExecution.class);
    }

    private static TriggerRuleCommand trigger(ExecutionMode mode) {
        return new TriggerRuleCommand("r1@e1", "r1", "t1", "rule", "e1", "X", "a1", AT, mode, true, null, ACTION,
                EVENT, null, 7);
    }

    private static RuleTriggeredEvent triggered(ExecutionMode mode) {
        return new RuleTriggeredEvent("r1@e1", "r1", "t1", "rule", "e1", "X", "a1", AT, mode, true, null, ACTION,
                EVENT, null, 7);
    }

    @Test
    void theFirstTriggerCreatesTheExecution() {
        fixture.givenNoPriorActivity().when(trigger(ExecutionMode.LIVE))
                .expectEvents(triggered(ExecutionMode.LIVE)).expectResultMessagePayload(true);
    }

    @Test
    void aSecondTriggerForTheSameRuleAndEventRecordsNothing() {
        fixture.given(triggered(ExecutionMode.LIVE)).when(trigger(ExecutionMode.LIVE))
                .expectNoEvents().expectResultMessagePayload(false);
    }

    @Test
    void aFailedAttemptIsRecordedAndTheRetryCompletesIt() {
        JsonNode failed = NODES.arrayNode().add(NODES.objectNode().put("success", false));
        JsonNode ok = NODES.arrayNode().add(NODES.objectNode().put("success", true));
        fixture.given(triggered(ExecutionMode.LIVE),
                        new RuleExecutionFailedEvent("r1@e1", "r1", "t1", failed, 1, 3))
                .when(new RecordRuleActionResultsCommand("r1@e1", "t1", ok, true, 4))
                .expectEvents(new RuleExecutionCompletedEvent("r1@e1", "r1", "t1", ok, 2, 4));
    }

    @Test
    void aTestingExecutionHasNoActionsToRecord() {
        fixture.given(triggered(ExecutionMode.TESTING))
                .when(new RecordRuleActionResultsCommand("r1@e1", "t1", NODES.arrayNode(), true, 1))
                .expectNoEvents().expectResultMessagePayload(false);
    }
}
