package io.p3protocol.command.rules.conditions;

import io.p3protocol.command.rules.conditions.js.JsValue;

import java.util.List;

/** A composite node with logic "and" (or no logic): {@code every}, so true when empty, stops at the first false. */
final class AllOfCondition implements Condition {
    private final Condition[] conditions;

    AllOfCondition(List<Condition> conditions) {
        this.conditions = conditions.toArray(Condition[]::new);
    }

    @Override
    public boolean test(JsValue event) {
        for (Condition condition : conditions) {
            if (!condition.test(event)) {
                return false;
            }
        }
        return true;
    }
}
