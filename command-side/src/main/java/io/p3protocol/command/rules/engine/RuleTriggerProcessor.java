package io.p3protocol.command.rules.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.p3protocol.command.rules.actions.ActionResult;
import io.p3protocol.command.rules.actions.ActionSimulator;
import io.p3protocol.command.rules.conditions.js.JsError;
import io.p3protocol.command.rules.conditions.js.JsJson;
import io.p3protocol.command.rules.conditions.js.JsValue;
import io.p3protocol.kernel.messaging.MetadataKeys;
import io.p3protocol.kernel.rules.ExecutionMode;
import io.p3protocol.kernel.rules.RuleCreatedEvent;
import io.p3protocol.kernel.rules.RuleDeletedEvent;
import io.p3protocol.kernel.rules.RuleExecutionId;
import io.p3protocol.kernel.rules.RuleStatus;
import io.p3protocol.kernel.rules.RuleStatusChangedEvent;
import io.p3protocol.kernel.rules.RuleUpdatedEvent;
import io.p3protocol.kernel.rules.TriggerRuleCommand;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;

/**
 * Processor {@value #PROCESSING_GROUP} (streaming, one segment, replayable, dead-letter queue): evaluates every
 * active and testing rule of an event's tenant, in priority order, against each of the tenant's domain events.
 * <p>
 * The event is seen as JSON: the payload's fields plus {@code eventType} (the payload class's simple name),
 * {@code tenantId} (from the metadata every event carries), {@code aggregateId} and {@code timestamp} (ISO-8601).
 * Events without a tenant, the rules engine's own events ({@code io.p3protocol.kernel.rules}) and events caused by a
 * rule execution (actor {@code rule:<ruleId>}) are not evaluated: a rule's actions can never trigger rules, so
 * rules cannot loop.
 * <p>
 * This processor has <b>no side effects</b>. For a match (or a condition error) it sends TriggerRuleCommand for the
 * deterministic execution id {@code <ruleId>@<eventId>}; the RuleExecution aggregate ignores an execution it
 * already has. So a replay of this processor (its rule copy is rebuilt from the same events, in the same order, so
 * it reaches the same decisions) creates nothing new, and runs no action again. Testing rules get their dry-run
 * results here, since simulating does nothing.
 * <p>
 * One segment: rule changes and the events after them are seen in global order, which is what makes the rule copy
 * match the position. In a cluster one node at a time holds the segment.
 */
@Component
@ProcessingGroup(RuleTriggerProcessor.PROCESSING_GROUP)
public class RuleTriggerProcessor {
    public static final String PROCESSING_GROUP = "rule-triggers";
    static final String RULE_ACTOR_PREFIX = "rule:";
    static final String RULES_PACKAGE = "io.p3protocol.kernel.rules";

    private final RuleEngineStore store;
    private final ActiveRuleCache cache;
    private final CommandGateway commands;
    private final ObjectMapper mapper;

    public RuleTriggerProcessor(RuleEngineStore store, ActiveRuleCache cache, CommandGateway commands,
                                ObjectMapper mapper) {
        this.store = store;
        this.cache = cache;
        this.commands = commands;
        this.mapper = mapper;
    }

    @EventHandler
    void on(RuleCreatedEvent event, @MessageIdentifier String eventId) {
        store.insert(event.ruleId(), event.tenantId(), event.name(), event.condition(), event.action(),
                event.priority(), event.status(), eventId);
        cache.changed(event.tenantId());
    }

    @EventHandler
    void on(RuleUpdatedEvent event) {
        store.update(event.ruleId(), event.name(), event.condition(), event.action(), event.priority());
        cache.changed(event.tenantId());
    }

    @EventHandler
    void on(RuleStatusChangedEvent event) {
        store.changeStatus(event.ruleId(), event.status());
        cache.changed(event.tenantId());
    }

    @EventHandler
    void on(RuleDeletedEvent event) {
        store.delete(event.ruleId());
        cache.changed(event.tenantId());
    }

    @ResetHandler
    void reset() {
        store.clear();
        store.nextGeneration();
        cache.clear();
    }

    /**
     * Every other event. It takes the message rather than the payload so that the payload is deserialized only for
     * a tenant that has rules: most events (telemetry arrives by the thousand) belong to tenants without any.
     */
    @EventHandler
    void on(EventMessage<?> message) {
        Object tenant = message.getMetaData().get(MetadataKeys.TENANT_ID);
        Object actor = message.getMetaData().get(MetadataKeys.ACTOR);
        if (!(tenant instanceof String tenantId) || message.getPayloadType().getPackageName().equals(RULES_PACKAGE)
                || (actor instanceof String a && a.startsWith(RULE_ACTOR_PREFIX))) {
            return;
        }
        List<CompiledRule> rules = cache.rulesOf(tenantId);
        if (rules.isEmpty()) {
            return;
        }
        Object payload = message.getPayload();
        String aggregateId = message instanceof DomainEventMessage<?> domain ? domain.getAggregateIdentifier() : null;
        ObjectNode eventJson = eventJson(payload, tenantId, aggregateId, message);
        JsValue event = JsJson.toJs(eventJson);
        for (CompiledRule rule : rules) {
            evaluate(rule, event, eventJson, message, aggregateId);
        }
    }

    private void evaluate(CompiledRule rule, JsValue event, ObjectNode eventJson, EventMessage<?> message,
                          String aggregateId) {
        long started = System.nanoTime();
        boolean matched;
        String error = null;
        try {
            matched = rule.condition().test(event);
        } catch (JsError e) {
            matched = false;
            error = e.getMessage();
        }
        long micros = (System.nanoTime() - started) / 1_000;
        if (!matched && error == null) {
            return;
        }
        boolean testing = rule.status() == RuleStatus.TESTING;
        JsonNode simulated = null;
        if (testing && matched) {
            try {
                simulated = toJson(ActionSimulator.simulate(rule.action(), eventJson));
            } catch (JsError e) {
                matched = false; // the original's evaluateRule: an error thrown by the actions fails the rule
                error = e.getMessage();
            }
        }
        TriggerRuleCommand command = new TriggerRuleCommand(RuleExecutionId.of(rule.ruleId(), message.getIdentifier()),
                rule.ruleId(), rule.tenantId(), rule.name(), message.getIdentifier(), eventJson.get("eventType").asText(),
                aggregateId, message.getTimestamp(), testing ? ExecutionMode.TESTING : ExecutionMode.LIVE, matched,
                error, rule.action(), eventJson, simulated, micros);
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(command)
                .andMetaData(Map.of(MetadataKeys.ACTOR, RULE_ACTOR_PREFIX + rule.ruleId())));
    }

    private ObjectNode eventJson(Object payload, String tenantId, String aggregateId, EventMessage<?> message) {
        JsonNode fields = mapper.valueToTree(payload);
        ObjectNode json = fields instanceof ObjectNode object ? object : mapper.createObjectNode();
        json.put("eventType", payload.getClass().getSimpleName());
        json.put("tenantId", tenantId);
        json.put("aggregateId", aggregateId);
        json.put("timestamp", message.getTimestamp().toString());
        return json;
    }

    private ArrayNode toJson(List<ActionResult> results) {
        ArrayNode array = mapper.createArrayNode();
        results.forEach(r -> array.add(mapper.valueToTree(r)));
        return array;
    }
}
