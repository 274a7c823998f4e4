package io.p3protocol.command.rules.actions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.p3protocol.command.rules.conditions.js.Js;
import io.p3protocol.command.rules.conditions.js.JsError;
import io.p3protocol.command.rules.conditions.js.JsJson;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What each action would do, without doing it: the original's dry-run results. After the same checks
 * ({@link ActionCheck}), an action answers with {@code simulated: true} and the parameters it would use:
 * <ul>
 *   <li>anchor: {@code {simulated, eventHash, metadata: metadata || '', bundled: bundled || false}}</li>
 *   <li>webhook: {@code {simulated, url, payload: payload || event, headers: headers || {}}}</li>
 *   <li>plugin_emit: {@code {simulated, pluginId, eventType, payload: payload || event}}</li>
 *   <li>ledger_allocate: {@code {simulated, ledgerEventId, allocations, policyRef: policyRef || 'default'}}</li>
 * </ul>
 * with metadata {@code {action: <type>, dryRun: true}}; a failed check gives {@code {success: false, error,
 * metadata: {action}}}. No side effects of any kind.
 */
public final class ActionSimulator {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ActionSimulator() {
    }

    /**
     * Simulates a rule's action: each element of an array in order (all of them, even after a failure), or the
     * single action.
     *
     * @throws JsError where the original threw out of executeAction, which failed the whole rule
     */
    public static List<ActionResult> simulate(JsonNode action, JsonNode event) {
        List<ActionResult> results = new ArrayList<>();
        if (action != null && action.isArray()) {
            for (JsonNode element : action) {
                results.add(simulateOne(element, event));
            }
        } else {
            results.add(simulateOne(action, event));
        }
        return results;
    }

    private static ActionResult simulateOne(JsonNode action, JsonNode event) {
        Optional<String> problem = ActionCheck.firstProblem(action);
        Optional<ActionCheck.Type> type = ActionCheck.type(action);
        ObjectNode metadata = NODES.objectNode();
        if (action.get("type") != null) {
            metadata.set("action", action.get("type"));
        }
        if (problem.isPresent()) {
            return ActionResult.failed(problem.get(), metadata);
        }
        metadata.put("dryRun", true);
        ObjectNode result = NODES.objectNode().put("simulated", true);
        switch (type.orElseThrow()) {
            case ANCHOR -> {
                result.set("eventHash", action.get("eventHash"));
                result.set("metadata", or(action.get("metadata"), NODES.textNode("")));
                result.set("bundled", or(action.get("bundled"), NODES.booleanNode(false)));
            }
            case WEBHOOK -> {
                result.set("url", action.get("url"));
                result.set("payload", or(action.get("payload"), event));
                result.set("headers", or(action.get("headers"), NODES.objectNode()));
            }
            case PLUGIN_EMIT -> {
                result.set("pluginId", action.get("pluginId"));
                result.set("eventType", action.get("eventType"));
                result.set("payload", or(action.get("payload"), event));
            }
            case LEDGER_ALLOCATE -> {
                result.set("ledgerEventId", action.get("ledgerEventId"));
                result.set("allocations", action.get("allocations"));
                result.set("policyRef", or(action.get("policyRef"), NODES.textNode("default")));
            }
        }
        return ActionResult.succeeded(result, metadata);
    }

    /** JavaScript's {@code value || fallback}. */
    private static JsonNode or(JsonNode value, JsonNode fallback) {
        return Js.toBoolean(JsJson.toJs(value)) ? value : fallback;
    }
}
