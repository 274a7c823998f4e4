package io.p3protocol.command.rules.conditions.js;

/** JavaScript {@code null}. */
public enum JsNull implements JsValue {
    INSTANCE;

    @Override
    public String toString() {
        return "null";
    }
}
