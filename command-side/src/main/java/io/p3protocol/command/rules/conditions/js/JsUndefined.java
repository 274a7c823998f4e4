package io.p3protocol.command.rules.conditions.js;

/** JavaScript {@code undefined}: a missing property, a path through null, a condition without a {@code value}. */
public enum JsUndefined implements JsValue {
    INSTANCE;

    @Override
    public String toString() {
        return "undefined";
    }
}
