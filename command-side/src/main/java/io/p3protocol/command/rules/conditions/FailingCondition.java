package io.p3protocol.command.rules.conditions;

import io.p3protocol.command.rules.conditions.js.JsError;
import io.p3protocol.command.rules.conditions.js.JsValue;

/**
 * A node the original could not evaluate at all: every evaluation throws the original's error, e.g.
 * {@code Condition must have a field}, or V8's TypeError for a null node or a non-string field. Known at parse
 * time, but thrown only when evaluation reaches the node, so short-circuiting can skip it as in the original.
 */
final class FailingCondition implements Condition {
    private final String message;

    FailingCondition(String message) {
        this.message = message;
    }

    @Override
    public boolean test(JsValue event) {
        throw new JsError(message);
    }
}
