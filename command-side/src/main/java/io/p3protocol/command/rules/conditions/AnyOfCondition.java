package io.p3protocol.command.rules.conditions;

import io.p3protocol.command.rules.conditions.js.JsValue;

import java.util.List;

/** A composite node with any truthy logic other than "and": {@code some}, so false when empty, stops at the first true. */
final class AnyOfCondition implements Condition {
    private final Condition[] conditions;

    AnyOfCondition(List<Condition> conditions) {
        this.conditions = conditions.toArray(Condition[]::new);
    }

    @Override
    public boolean test(JsValue event) {
        for (Condition condition : conditions) {
            if (condition.test(event)) {
                return true;
            }
        }
        return false;
    }
}
