package io.p3protocol.command.rules.conditions;

import com.fasterxml.jackson.databind.JsonNode;
import io.p3protocol.command.rules.conditions.js.JsError;
import io.p3protocol.command.rules.conditions.js.JsJson;
import io.p3protocol.command.rules.conditions.js.JsValue;

/**
 * A parsed rule condition: an immutable tree, built once by {@link ConditionParser}, evaluated many times.
 * Evaluation gives the original rules engine's result for the same JSON condition and event (docs/rules.md).
 */
public interface Condition {

    /**
     * Evaluates the condition against an event seen as a JavaScript object. Build the event once with
     * {@link JsJson#toJs} and reuse it for every rule.
     *
     * @throws JsError where the original threw, with its message (e.g. {@code Value for "in" operator must be an
     *                 array}); the rule then counts as not matched, with that error
     */
    boolean test(JsValue event);

    /** Convenience for a one-off evaluation: converts the event on every call. */
    default boolean test(JsonNode event) {
        return test(JsJson.toJs(event));
    }
}
