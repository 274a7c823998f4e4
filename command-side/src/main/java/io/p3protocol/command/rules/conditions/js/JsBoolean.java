package io.p3protocol.command.rules.conditions.js;

/** A JavaScript boolean primitive. */
public enum JsBoolean implements JsValue {
    TRUE(true), FALSE(false);

    private final boolean value;

    JsBoolean(boolean value) {
        this.value = value;
    }

    public static JsBoolean of(boolean value) {
        return value ? TRUE : FALSE;
    }

    public boolean value() {
        return value;
    }

    @Override
    public String toString() {
        return Boolean.toString(value);
    }
}
