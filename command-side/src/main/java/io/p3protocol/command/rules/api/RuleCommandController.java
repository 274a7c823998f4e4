package io.p3protocol.command.rules.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.p3protocol.command.rules.conditions.ConditionParser;
import io.p3protocol.command.rules.dryrun.DryRunResult;
import io.p3protocol.command.rules.dryrun.RuleDryRun;
import io.p3protocol.kernel.errors.AccessDenied;
import io.p3protocol.kernel.errors.UnknownAggregate;
import io.p3protocol.kernel.rules.ChangeRuleStatusCommand;
import io.p3protocol.kernel.rules.CreateRuleCommand;
import io.p3protocol.kernel.rules.DeleteRuleCommand;
import io.p3protocol.kernel.rules.RuleDefaults;
import io.p3protocol.kernel.rules.RuleStatus;
import io.p3protocol.kernel.rules.UpdateRuleCommand;
import io.p3protocol.kernel.security.Caller;
import io.p3protocol.kernel.security.Role;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;

/**
 * Rules: create, update, change status, delete, and the side-effect-free dry run (docs/rules.md). Rule JSON is
 * validated with the original's validation before any command is sent: an invalid rule is a 400 listing the
 * original's messages in order and nothing is stored.
 * <p>
 * Roles: changing rules needs {@code operator} (or {@code admin}) on a tenant key, because a rule's actions move
 * ledger funds and emit events for the tenant; the tenant is always the key's. Dry runs change nothing and need
 * {@code operator} too (they are part of writing a rule), or the platform-admin key.
 */
@RestController
@Tag(name = "Rules", description = "Automation rules evaluated against every domain event of the tenant")
public class RuleCommandController {
    private final CommandGateway commands;
    private final Clock clock;

    public RuleCommandController(CommandGateway commands, Clock clock) {
        this.commands = commands;
        this.clock = clock;
    }

    /** {@code action} is one action object or an ordered array of them. */
    public record RuleRequest(String name, String description, JsonNode condition, JsonNode action, Integer priority,
                              String status) {
    }

    public record StatusRequest(String status) {
    }

    public record RuleCreated(String ruleId) {
    }

    /** {@code event} defaults to the original's test data {@code {sampleEvent: 'test_event', timestamp}}. */
    public record DryRunRequest(JsonNode condition, JsonNode action, JsonNode event) {
    }

    @PostMapping("/api/rules")
    @Operation(summary = "Create a rule (priority 100 and status active unless given). 400 lists every validation "
            + "message in the original's order.")
    public ResponseEntity<RuleCreated> create(@Parameter(hidden = true) Caller caller,
                                              @RequestBody RuleRequest request) {
        String tenantId = tenantOf(caller);
        RuleDefinitionValidation validation = new RuleDefinitionValidation()
                .name(request.name(), true).description(request.description())
                .condition(request.condition(), true).action(request.action(), true);
        RuleStatus status = status(request.status(), validation, false);
        validation.throwIfInvalid();
        String ruleId = UUID.randomUUID().toString();
        commands.sendAndWait(new CreateRuleCommand(ruleId, tenantId, request.name().trim(), request.description(),
                request.condition(), request.action(),
                request.priority() == null ? RuleDefaults.PRIORITY : request.priority(),
                status == null ? RuleDefaults.STATUS : status));
        return ResponseEntity.created(URI.create("/api/rules/" + ruleId)).body(new RuleCreated(ruleId));
    }

    @PutMapping("/api/rules/{ruleId}")
    @Operation(summary = "Replace a rule's definition: name, condition and action are required; description and "
            + "priority are kept when left out. The status has its own route.")
    public Map<String, String> replace(@Parameter(hidden = true) Caller caller, @PathVariable String ruleId,
                                       @RequestBody RuleRequest request) {
        return update(caller, ruleId, request, true);
    }

    @PatchMapping("/api/rules/{ruleId}")
    @Operation(summary = "Change some of a rule's fields; the ones left out are kept.")
    public Map<String, String> patch(@Parameter(hidden = true) Caller caller, @PathVariable String ruleId,
                                     @RequestBody RuleRequest request) {
        return update(caller, ruleId, request, false);
    }

    @PostMapping("/api/rules/{ruleId}/status")
    @Operation(summary = "Set the status: active, inactive or testing. The same status again is a 409.")
    public Map<String, String> changeStatus(@Parameter(hidden = true) Caller caller, @PathVariable String ruleId,
                                            @RequestBody StatusRequest request) {
        String tenantId = tenantOf(caller);
        RuleDefinitionValidation validation = new RuleDefinitionValidation();
        RuleStatus status = status(request.status(), validation, true);
        validation.throwIfInvalid();
        send(ruleId, new ChangeRuleStatusCommand(ruleId, tenantId, status));
        return Map.of("ruleId", ruleId, "status", status.wireName());
    }

    @DeleteMapping("/api/rules/{ruleId}")
    @Operation(summary = "Delete a rule. It is no longer evaluated; its past triggers stay.")
    public ResponseEntity<Void> delete(@Parameter(hidden = true) Caller caller, @PathVariable String ruleId) {
        send(ruleId, new DeleteRuleCommand(ruleId, tenantOf(caller)));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/api/rules/dry-run")
    @Operation(summary = "Evaluate a condition against an event and simulate the actions, with no side effects: "
            + "{matched, error, actionResults}. A condition that throws gives matched:false with the original's "
            + "message in error; an invalid condition is a 400.")
    public DryRunResult dryRun(@Parameter(hidden = true) Caller caller, @RequestBody DryRunRequest request) {
        if (!caller.platformAdmin()) {
            caller.requireRole(Role.OPERATOR);
        }
        RuleDefinitionValidation validation = new RuleDefinitionValidation().condition(request.condition(), true);
        if (request.action() == null || request.action().isNull()) {
            validation.add("action", "Action must be an object or an array of actions");
        }
        if (request.event() != null && !request.event().isObject()) {
            validation.add("event", "must be a JSON object");
        }
        validation.throwIfInvalid();
        JsonNode event = request.event() != null ? request.event() : JsonNodeFactory.instance.objectNode()
                .put("sampleEvent", "test_event").put("timestamp", clock.instant().toString());
        return RuleDryRun.run(ConditionParser.parse(request.condition()), request.action(), event);
    }

    private Map<String, String> update(Caller caller, String ruleId, RuleRequest request, boolean replace) {
        String tenantId = tenantOf(caller);
        RuleDefinitionValidation validation = new RuleDefinitionValidation()
                .name(request.name(), replace).description(request.description())
                .condition(request.condition(), replace).action(request.action(), replace);
        if (request.status() != null) {
            validation.add("status", "is changed with POST /api/rules/{ruleId}/status");
        }
        validation.throwIfInvalid();
        send(ruleId, new UpdateRuleCommand(ruleId, tenantId, request.name() == null ? null : request.name().trim(),
                request.description(), request.condition(), request.action(), request.priority()));
        return Map.of("ruleId", ruleId);
    }

    private static RuleStatus status(String value, RuleDefinitionValidation validation, boolean required) {
        if (value == null) {
            if (required) {
                validation.add("status", "is required");
            }
            return null;
        }
        try {
            return RuleStatus.fromWire(value);
        } catch (IllegalArgumentException e) {
            validation.add("status", e.getMessage());
            return null;
        }
    }

    private void send(String ruleId, Object command) {
        try {
            commands.sendAndWait(command);
        } catch (AggregateNotFoundException e) {
            throw new UnknownAggregate("rule_not_found", "no rule " + ruleId);
        }
    }

    /** Rules belong to a tenant, and the tenant comes from the key: the platform admin has none. */
    private static String tenantOf(Caller caller) {
        if (caller.platformAdmin()) {
            throw new AccessDenied("tenant_key_required",
                    "Rules belong to a tenant: call with one of the tenant's API keys (operator or admin).");
        }
        caller.requireRole(Role.OPERATOR);
        return caller.tenantId();
    }
}
