package io.p3protocol.command.rules.actions;

import com.fasterxml.jackson.databind.JsonNode;
import io.p3protocol.command.rules.conditions.js.Js;
import io.p3protocol.command.rules.conditions.js.JsArray;
import io.p3protocol.command.rules.conditions.js.JsError;
import io.p3protocol.command.rules.conditions.js.JsJson;
import io.p3protocol.command.rules.conditions.js.JsNumbers;
import io.p3protocol.command.rules.conditions.js.JsObject;
import io.p3protocol.command.rules.conditions.js.JsValue;

import java.util.Optional;

/**
 * The checks the original's executeAction made before doing anything, in its order and with its messages, read
 * with JavaScript semantics ({@code !x} is "falsy"):
 * <ul>
 *   <li>anchor: {@code eventHash is required for anchor action}</li>
 *   <li>webhook: {@code url is required for webhook action}</li>
 *   <li>plugin_emit: {@code pluginId is required for plugin_emit action}, then
 *       {@code eventType is required for plugin_emit action}</li>
 *   <li>ledger_allocate: {@code ledgerEventId is required for ledger_allocate action}, then
 *       {@code allocations array is required for ledger_allocate action}, then the sum of
 *       {@code parseFloat(percent || 0)} must be within 0.01 of 100: {@code Allocations must sum to 100%, got
 *       <sum.toFixed(2)>%}. The original let a NaN sum through (every comparison with NaN is false); here NaN
 *       fails with "got NaN%".</li>
 *   <li>any other type: {@code Unknown action type: <type>}</li>
 * </ul>
 * The original caught these inside the action (a failed ActionResult), except reading {@code action.type} of a
 * null action and building the unknown-type message, which threw out of the rule.
 */
public final class ActionCheck {
    /** The action types the engine knows. */
    public enum Type { ANCHOR, WEBHOOK, PLUGIN_EMIT, LEDGER_ALLOCATE }

    private ActionCheck() {
    }

    /** The action's known type, if {@code action.type} is one of anchor, webhook, plugin_emit, ledger_allocate. */
    public static Optional<Type> type(JsonNode action) {
        JsonNode type = action == null ? null : action.get("type");
        if (type == null || !type.isTextual()) {
            return Optional.empty();
        }
        return switch (type.textValue()) {
            case "anchor" -> Optional.of(Type.ANCHOR);
            case "webhook" -> Optional.of(Type.WEBHOOK);
            case "plugin_emit" -> Optional.of(Type.PLUGIN_EMIT);
            case "ledger_allocate" -> Optional.of(Type.LEDGER_ALLOCATE);
            default -> Optional.empty();
        };
    }

    /**
     * The first failing check's message, or empty when the action passes.
     *
     * @throws JsError where the original threw out of executeAction (a null action, an unknown type whose message
     *                 cannot be built)
     */
    public static Optional<String> firstProblem(JsonNode actionJson) {
        JsValue action = JsJson.toJs(actionJson);
        JsValue type = Js.getProperty(action, "type");
        Optional<Type> known = type(actionJson);
        if (known.isEmpty()) {
            return Optional.of("Unknown action type: " + Js.toJsString(type));
        }
        try {
            return switch (known.get()) {
                case ANCHOR -> required(action, "eventHash", "eventHash is required for anchor action");
                case WEBHOOK -> required(action, "url", "url is required for webhook action");
                case PLUGIN_EMIT -> required(action, "pluginId", "pluginId is required for plugin_emit action")
                        .or(() -> required(action, "eventType", "eventType is required for plugin_emit action"));
                case LEDGER_ALLOCATE -> ledgerProblem(action);
            };
        } catch (JsError e) {
            return Optional.of(e.getMessage()); // caught by the action's own try/catch in the original
        }
    }

    private static Optional<String> required(JsValue action, String key, String message) {
        return Js.toBoolean(Js.getProperty(action, key)) ? Optional.empty() : Optional.of(message);
    }

    private static Optional<String> ledgerProblem(JsValue action) {
        Optional<String> missingId = required(action, "ledgerEventId",
                "ledgerEventId is required for ledger_allocate action");
        if (missingId.isPresent()) {
            return missingId;
        }
        JsValue allocations = Js.getProperty(action, "allocations");
        if (!Js.toBoolean(allocations) || !(allocations instanceof JsObject object && object.isArray())) {
            return Optional.of("allocations array is required for ledger_allocate action");
        }
        double total = 0;
        JsArray array = (JsArray) allocations;
        for (int i = 0; i < array.length(); i++) {
            JsValue percent = Js.getProperty(array.get(i), "percent");
            total += JsNumbers.parseFloat(Js.toBoolean(percent) ? Js.toJsString(percent) : "0");
        }
        if (!(Math.abs(total - 100) <= 0.01)) {
            return Optional.of("Allocations must sum to 100%, got " + JsNumbers.toFixed(total, 2) + "%");
        }
        return Optional.empty();
    }
}
