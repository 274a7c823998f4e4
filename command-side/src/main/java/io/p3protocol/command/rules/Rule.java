package io.p3protocol.command.rules;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.databind.JsonNode;
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
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.Objects;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.markDeleted;

/**
 * A tenant's automation rule: name, description, condition, action (one or an ordered array), priority and status.
 * Condition and action arrive validated (the surface applies the original's validation and answers 400), so this
 * aggregate only decides what is allowed when: a change that changes nothing is refused, and a deleted rule is gone
 * (Axon then reports it as not found).
 */
@Aggregate
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class Rule {

    @AggregateIdentifier
    private String ruleId;
    private String tenantId;
    private String name;
    private String description;
    private JsonNode condition;
    private JsonNode action;
    private int priority;
    private RuleStatus status;

    protected Rule() {
        // for Axon and Jackson
    }

    @CommandHandler
    public Rule(CreateRuleCommand command) {
        apply(new RuleCreatedEvent(command.ruleId(), command.tenantId(), command.name(), command.description(),
                command.condition(), command.action(), command.priority(), command.status()));
    }

    @CommandHandler
    public void handle(UpdateRuleCommand command) {
        requireVisibleTo(command.tenantId());
        String newName = command.name() != null ? command.name() : name;
        String newDescription = command.description() != null ? command.description() : description;
        JsonNode newCondition = command.condition() != null ? command.condition() : condition;
        JsonNode newAction = command.action() != null ? command.action() : action;
        int newPriority = command.priority() != null ? command.priority() : priority;
        if (newName.equals(name) && Objects.equals(newDescription, description) && newCondition.equals(condition)
                && newAction.equals(action) && newPriority == priority) {
            throw new DomainRuleViolation("rule_unchanged", "the update does not change rule " + ruleId);
        }
        apply(new RuleUpdatedEvent(ruleId, tenantId, newName, newDescription, newCondition, newAction, newPriority));
    }

    @CommandHandler
    public void handle(ChangeRuleStatusCommand command) {
        requireVisibleTo(command.tenantId());
        if (command.status() == status) {
            throw new DomainRuleViolation("rule_status_unchanged",
                    "rule " + ruleId + " is already " + status.wireName());
        }
        apply(new RuleStatusChangedEvent(ruleId, tenantId, command.status()));
    }

    @CommandHandler
    public void handle(DeleteRuleCommand command) {
        requireVisibleTo(command.tenantId());
        apply(new RuleDeletedEvent(ruleId, tenantId));
    }

    /** Another tenant's rule is reported as missing, so ids of other tenants cannot be probed. */
    private void requireVisibleTo(String callerTenantId) {
        if (!tenantId.equals(callerTenantId)) {
            throw new UnknownAggregate("rule_not_found", "no rule " + ruleId);
        }
    }

    @EventSourcingHandler
    void on(RuleCreatedEvent event) {
        ruleId = event.ruleId();
        tenantId = event.tenantId();
        name = event.name();
        description = event.description();
        condition = event.condition();
        action = event.action();
        priority = event.priority();
        status = event.status();
    }

    @EventSourcingHandler
    void on(RuleUpdatedEvent event) {
        name = event.name();
        description = event.description();
        condition = event.condition();
        action = event.action();
        priority = event.priority();
    }

    @EventSourcingHandler
    void on(RuleStatusChangedEvent event) {
        status = event.status();
    }

    @EventSourcingHandler
    void on(RuleDeletedEvent event) {
        markDeleted();
    }
}
