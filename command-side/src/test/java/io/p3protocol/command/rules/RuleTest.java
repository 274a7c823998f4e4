package io.p3protocol.command.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.p3protocol.kernel.errors.DomainRuleViolation;
import io.p3protocol.kernel.errors.UnknownAggregate;
import io.p3protocol.kernel.rules.ChangeRuleStatusCommand;
import io.p3protocol.kernel.rules.CreateRuleCommand;
import io.p3protocol.kernel.rules.DeleteRuleCommand;
import io.p3protocol.kernel.rules.RuleCreatedEvent;
import io.p3protocol.kernel.rules.RuleDeletedEvent;
import io.p3protocol.kernel.rules.RuleStatus;
import io.p3protocol.kernel.rules.RuleStatusChangedEvent;
import io.p3protocol.kernel.rules.RuleUpdatedEvent;
import io.p3protocol.kernel.rules.UpdateRuleCommand;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RuleTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNode CONDITION = json("{\"field\":\"eventType\",\"operator\":\"eq\",\"value\":\"X\"}");
    private static final JsonNode ACTION = json("{\"type\":\"plugin_emit\",\"pluginId\":\"journal\",\"eventType\":\"e\"}");
    private static final RuleCreatedEvent CREATED = new RuleCreatedEvent("r1", "t1", "name", null, CONDITION, ACTION,
            100, RuleStatus.ACTIVE);

    private AggregateTestFixture<Rule> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Rule.class);
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Test
    void createRecordsTheWholeDefinition() {
        fixture.givenNoPriorActivity()
                .when(new CreateRuleCommand("r1", "t1", "name", null, CONDITION, ACTION, 100, RuleStatus.ACTIVE))
                .expectEvents(CREATED);
    }

    @Test
    void aPartialUpdateKeepsTheFieldsLeftOut() {
        fixture.given(CREATED)
                .when(new UpdateRuleCommand("r1", "t1", null, "now described", null, null, 5))
                .expectEvents(new RuleUpdatedEvent("r1", "t1", "name", "now described", CONDITION, ACTION, 5));
    }

    @Test
    void anUpdateThatChangesNothingIsRefused() {
        fixture.given(CREATED)
                .when(new UpdateRuleCommand("r1", "t1", "name", null, CONDITION, null, 100))
                .expectException(DomainRuleViolation.class).expectNoEvents();
    }

    @Test
    void statusChangesToTesting() {
        fixture.given(CREATED)
                .when(new ChangeRuleStatusCommand("r1", "t1", RuleStatus.TESTING))
                .expectEvents(new RuleStatusChangedEvent("r1", "t1", RuleStatus.TESTING));
    }

    @Test
    void theSameStatusAgainIsRefused() {
        fixture.given(CREATED)
                .when(new ChangeRuleStatusCommand("r1", "t1", RuleStatus.ACTIVE))
                .expectException(DomainRuleViolation.class);
    }

    @Test
    void anotherTenantCannotChangeTheRule() {
        fixture.given(CREATED)
                .when(new DeleteRuleCommand("r1", "t2"))
                .expectException(UnknownAggregate.class).expectNoEvents();
    }

    @Test
    void deleteMarksTheRuleDeleted() {
        fixture.given(CREATED)
                .when(new DeleteRuleCommand("r1", "t1"))
                .expectEvents(new RuleDeletedEvent("r1", "t1")).expectMarkedDeleted();
    }
}
