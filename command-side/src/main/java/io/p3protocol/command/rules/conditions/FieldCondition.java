package io.p3protocol.command.rules.conditions;

import io.p3protocol.command.rules.conditions.js.JsValue;

/** A simple node: look the field up, then apply the operator to its value. */
final class FieldCondition implements Condition {
    private final FieldPath path;
    private final FieldValueTest operator;

    FieldCondition(FieldPath path, FieldValueTest operator) {
        this.path = path;
        this.operator = operator;
    }

    @Override
    public boolean test(JsValue event) {
        return operator.test(path.resolve(event));
    }
}
