package io.p3protocol.command.rules.conditions.js;

import java.util.Objects;

/** A JavaScript string primitive: a sequence of UTF-16 code units, exactly like a Java {@link String}. */
public final class JsString implements JsValue {
    public static final JsString EMPTY = new JsString("");

    private final String value;

    private JsString(String value) {
        this.value = value;
    }

    public static JsString of(String value) {
        Objects.requireNonNull(value, "value");
        return value.isEmpty() ? EMPTY : new JsString(value);
    }

    public String value() {
        return value;
    }

    /** Structural equality for tests and collections; JavaScript equality is {@link Js#strictEquals}. */
    @Override
    public boolean equals(Object other) {
        return other instanceof JsString string && string.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return value;
    }
}
