package io.p3protocol.command.rules.execution;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.p3protocol.kernel.errors.UnknownAggregate;
import io.p3protocol.kernel.rules.RecordRuleActionResultsCommand;
import io.p3protocol.kernel.rules.RuleExecutionCompletedEvent;
import io.p3protocol.kernel.rules.RuleExecutionFailedEvent;
import io.p3protocol.kernel.rules.RuleTriggeredEvent;
import io.p3protocol.kernel.rules.TriggerRuleCommand;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The one execution of one rule for one event, keyed {@code <ruleId>@<eventId>} (RuleExecutionId). This is what
 * makes a rule fire at most once per event: triggering an execution that already exists records nothing, so a
 * replay of the trigger processor, or a redelivery after a crash, creates no second execution and therefore runs
 * no action again. Live executions then record each attempt at their actions until one succeeds; a completed
 * execution ignores further results.
 */
@Aggregate
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class RuleExecution {

    @AggregateIdentifier
    private String executionId;
    private String ruleId;
    private String tenantId;
    private boolean awaitsActions;
    private int attempts;

    protected RuleExecution() {
        // for Axon and Jackson; also the blank state CREATE_IF_MISSING starts from
    }

    /** @return true when this call created the execution, false when it already existed (nothing recorded) */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public boolean handle(TriggerRuleCommand command) {
        if (executionId != null) {
            return false;
        }
        apply(new RuleTriggeredEvent(command.executionId(), command.ruleId(), command.tenantId(), command.ruleName(),
                command.eventId(), command.eventType(), command.aggregateId(), command.eventTimestamp(),
                command.mode(), command.matched(), command.error(), command.action(), command.event(),
                command.simulatedResults(), command.evaluationMicros()));
        return true;
    }

    /** @return true when the results were recorded, false when the execution had nothing (more) to run */
    @CommandHandler
    public boolean handle(RecordRuleActionResultsCommand command) {
        if (!tenantId.equals(command.tenantId())) {
            throw new UnknownAggregate("rule_execution_not_found", "no rule execution " + command.executionId());
        }
        if (!awaitsActions) {
            return false;
        }
        int attempt = attempts + 1;
        if (command.succeeded()) {
            apply(new RuleExecutionCompletedEvent(executionId, ruleId, tenantId, command.results(), attempt,
                    command.durationMillis()));
        } else {
            apply(new RuleExecutionFailedEvent(executionId, ruleId, tenantId, command.results(), attempt,
                    command.durationMillis()));
        }
        return true;
    }

    @EventSourcingHandler
    void on(RuleTriggeredEvent event) {
        executionId = event.executionId();
        ruleId = event.ruleId();
        tenantId = event.tenantId();
        awaitsActions = event.awaitsActions();
    }

    @EventSourcingHandler
    void on(RuleExecutionFailedEvent event) {
        attempts = event.attempt();
    }

    @EventSourcingHandler
    void on(RuleExecutionCompletedEvent event) {
        attempts = event.attempt();
        awaitsActions = false;
    }
}
