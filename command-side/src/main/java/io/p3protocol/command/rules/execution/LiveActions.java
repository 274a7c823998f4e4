package io.p3protocol.command.rules.execution;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.p3protocol.command.anchoring.AnchoringSetup;
import io.p3protocol.command.plugins.PluginEmit;
import io.p3protocol.command.plugins.PluginRegistry;
import io.p3protocol.command.plugins.PluginResult;
import io.p3protocol.command.rules.actions.ActionCheck;
import io.p3protocol.command.rules.actions.ActionResult;
import io.p3protocol.command.rules.conditions.js.Js;
import io.p3protocol.command.rules.conditions.js.JsError;
import io.p3protocol.command.rules.conditions.js.JsJson;
import io.p3protocol.command.rules.conditions.js.JsNumbers;
import io.p3protocol.command.rules.webhook.WebhookAction;
import io.p3protocol.kernel.anchoring.AnchorRequestOutcome;
import io.p3protocol.kernel.anchoring.AnchorRoot;
import io.p3protocol.kernel.anchoring.RequestAnchorCommand;
import io.p3protocol.kernel.crypto.Sha256;
import io.p3protocol.kernel.errors.InvalidInput;
import io.p3protocol.kernel.errors.UnknownAggregate;
import io.p3protocol.kernel.ledger.AllocateLedgerEventCommand;
import io.p3protocol.kernel.ledger.AllocationRow;
import io.p3protocol.kernel.ledger.AllocationShare;
import io.p3protocol.kernel.ledger.LedgerAllocation;
import io.p3protocol.kernel.rules.RuleTriggeredEvent;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs a live execution's actions for real, in order, all of them even after one fails (as the original's
 * evaluateRule did), each giving the original's ActionResult. Every side effect is keyed by
 * {@code <executionId>#<action index>}, so running the same execution again (a retry from the dead-letter queue)
 * repeats nothing that already happened.
 * <ul>
 *   <li>{@code plugin_emit}: the registered plugin (PluginRegistry's errors for unknown or disabled ones).</li>
 *   <li>{@code ledger_allocate}: an allocation on the Ledger aggregate; {@code Ledger event <id> not found}.</li>
 *   <li>{@code webhook}: {@link WebhookAction} (signed, optionally AES-256-GCM encrypted, SSRF-guarded HTTP POST,
 *       delivery id {@code <executionId>#<action index>} so receivers can deduplicate a retried delivery).</li>
 *   <li>{@code anchor}: asks the anchoring service to anchor the event hash on chain ({@link #anchor}); with
 *       anchoring not configured it fails honestly, and never invents a transaction hash as the original did.</li>
 * </ul>
 * Action-level failures are results; an exception (a database outage, say) propagates and the execution is
 * dead-lettered as a whole.
 */
@Component
public class LiveActions {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** The same meta for every rule, so that rules anchoring the same hash ask for the same anchor. */
    static final String RULE_ACTION_META = "rule_action";

    private final CommandGateway commands;
    private final PluginRegistry plugins;
    private final Clock clock;
    private final WebhookAction webhook;
    private final AnchoringSetup anchoring;

    public LiveActions(CommandGateway commands, PluginRegistry plugins, Clock clock, WebhookAction webhook,
                       AnchoringSetup anchoring) {
        this.commands = commands;
        this.plugins = plugins;
        this.clock = clock;
        this.webhook = webhook;
        this.anchoring = anchoring;
    }

    public List<ActionResult> run(RuleTriggeredEvent execution) {
        JsonNode action = execution.action();
        List<ActionResult> results = new ArrayList<>();
        if (action != null && action.isArray()) {
            for (int i = 0; i < action.size(); i++) {
                results.add(runOne(execution, action.get(i), i));
            }
        } else {
            results.add(runOne(execution, action, 0));
        }
        return results;
    }

    public static ArrayNode toJson(List<ActionResult> results, com.fasterxml.jackson.databind.ObjectMapper mapper) {
        ArrayNode array = NODES.arrayNode();
        results.forEach(r -> array.add(mapper.valueToTree(r)));
        return array;
    }

    private ActionResult runOne(RuleTriggeredEvent execution, JsonNode action, int index) {
        ObjectNode metadata = NODES.objectNode();
        if (action != null && action.get("type") != null) {
            metadata.set("action", action.get("type"));
        }
        Optional<String> problem;
        try {
            problem = ActionCheck.firstProblem(action);
        } catch (JsError e) {
            problem = Optional.of(e.getMessage());
        }
        if (problem.isPresent()) {
            return ActionResult.failed(problem.get(), metadata);
        }
        String effectId = execution.executionId() + "#" + index;
        return switch (ActionCheck.type(action).orElseThrow()) {
            case WEBHOOK -> webhook.run(execution, action, effectId, metadata);
            case ANCHOR -> anchor(action, metadata);
            case PLUGIN_EMIT -> pluginEmit(execution, action, effectId, metadata);
            case LEDGER_ALLOCATE -> ledgerAllocate(execution, action, effectId, metadata);
        };
    }

    /**
     * The original anchored {@code eventHash} (a string as given, anything else as the SHA-256 of its JSON). A root
     * on chain is 32 bytes, so a string that is not already 64 hex digits is anchored as its SHA-256. The request is
     * recorded on the {@code Anchor} aggregate (keyed by the root, so a retry or another rule anchoring the same hash
     * starts nothing new); the anchor-submitter sends the transaction and the result names the root to follow at
     * {@code GET /api/anchoring/anchors/{root}}.
     */
    private ActionResult anchor(JsonNode action, ObjectNode metadata) {
        JsonNode given = action.get("eventHash");
        String eventHash = given.isTextual() ? given.asText() : Sha256.hex(given.toString());
        String root = AnchorRoot.isWrittenAsRoot(eventHash) ? AnchorRoot.parse(eventHash)
                : "0x" + Sha256.hex(eventHash);
        metadata.put("contractCall", "AnchorRegistry.anchor");
        if (!anchoring.configured()) {
            metadata.put("anchored", false);
            return ActionResult.failed("Anchoring is not configured (" + anchoring.notConfiguredReason()
                    + "); nothing was anchored", metadata);
        }
        AnchorRequestOutcome outcome = commands.sendAndWait(new RequestAnchorCommand(root, 1, RULE_ACTION_META));
        ObjectNode result = NODES.objectNode();
        result.put("anchorId", root);
        result.put("eventHash", eventHash);
        result.put("timestamp", clock.instant().toString());
        result.set("metadata", truthy(action.get("metadata")) ? action.get("metadata") : NODES.textNode(""));
        result.put("status", outcome.status().name());
        result.put("follow", "/api/anchoring/anchors/" + root);
        metadata.put("anchored", true);
        metadata.put("newAttempt", outcome.newAttempt());
        return ActionResult.succeeded(result, metadata);
    }

    private ActionResult pluginEmit(RuleTriggeredEvent execution, JsonNode action, String emissionId,
                                    ObjectNode metadata) {
        String pluginId = Js.toJsString(JsJson.toJs(action.get("pluginId")));
        metadata.put("pluginId", pluginId);
        PluginRegistry.Lookup lookup = plugins.find(pluginId);
        if (lookup.plugin() == null) {
            return ActionResult.failed(lookup.error(), metadata);
        }
        JsonNode payload = truthy(action.get("payload")) ? action.get("payload") : execution.event();
        PluginResult outcome = lookup.plugin().emit(new PluginEmit(emissionId, execution.tenantId(),
                Js.toJsString(JsJson.toJs(action.get("eventType"))), payload, clock.instant(),
                "rule:" + execution.ruleId()));
        return outcome.success() ? ActionResult.succeeded(outcome.result(), metadata)
                : ActionResult.failed(outcome.error(), metadata);
    }

    private ActionResult ledgerAllocate(RuleTriggeredEvent execution, JsonNode action, String allocationId,
                                        ObjectNode metadata) {
        String ledgerEventId = Js.toJsString(JsJson.toJs(action.get("ledgerEventId")));
        String policyRef = truthy(action.get("policyRef")) ? Js.toJsString(JsJson.toJs(action.get("policyRef")))
                : "default";
        List<AllocationShare> shares = new ArrayList<>();
        for (JsonNode allocation : action.get("allocations")) {
            JsonNode bucket = allocation.get("bucket");
            JsonNode percent = allocation.get("percent");
            double value = JsNumbers.parseFloat(truthy(percent) ? Js.toJsString(JsJson.toJs(percent)) : "0");
            shares.add(new AllocationShare(bucket == null ? null : bucket.asText(),
                    BigDecimal.valueOf(value)));
        }
        metadata.put("policyRef", policyRef);
        LedgerAllocation allocation;
        try {
            allocation = commands.sendAndWait(new AllocateLedgerEventCommand(ledgerEventId, execution.tenantId(),
                    allocationId, shares, policyRef));
        } catch (AggregateNotFoundException | UnknownAggregate e) {
            return ActionResult.failed("Ledger event " + ledgerEventId + " not found", metadata);
        } catch (CommandExecutionException e) {
            if (e.getCause() instanceof UnknownAggregate) {
                return ActionResult.failed("Ledger event " + ledgerEventId + " not found", metadata);
            }
            if (e.getCause() instanceof InvalidInput invalid) {
                return ActionResult.failed(invalid.errors().get(0).message(), metadata);
            }
            throw e;
        } catch (InvalidInput invalid) {
            return ActionResult.failed(invalid.errors().get(0).message(), metadata);
        }
        ArrayNode rows = NODES.arrayNode();
        for (AllocationRow row : allocation.allocations()) {
            ObjectNode json = rows.addObject().put("ledgerEventId", ledgerEventId).put("bucket", row.bucket());
            json.set("percent", jsNumber(row.percent()));
            json.set("amount", jsNumber(row.amount()));
            json.put("policyRef", policyRef);
        }
        ObjectNode result = NODES.objectNode().put("ledgerEventId", ledgerEventId);
        result.set("allocations", rows);
        result.set("totalAmount", jsNumber(allocation.totalAmount()));
        result.put("allocationId", allocation.allocationId());
        metadata.put("count", rows.size());
        return ActionResult.succeeded(result, metadata);
    }

    /** A number as the original's JSON showed it (a JavaScript number: 300, not 300.0). */
    private static JsonNode jsNumber(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        if (stripped.scale() <= 0 && stripped.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) < 0) {
            return NODES.numberNode(stripped.longValueExact());
        }
        return NODES.numberNode(value.doubleValue());
    }

    private static boolean truthy(JsonNode value) {
        return Js.toBoolean(JsJson.toJs(value));
    }
}
