package io.p3protocol.command.rules.conditions.js;

import java.util.function.Function;

/**
 * A built-in accessor property ({@code __proto__} on Object.prototype, {@code caller} and {@code arguments} on
 * Function.prototype): reading it calls the getter with the receiver. Never visible as a value.
 */
final class JsAccessor implements JsValue {
    private final Function<JsValue, JsValue> getter;

    JsAccessor(Function<JsValue, JsValue> getter) {
        this.getter = getter;
    }

    JsValue get(JsValue receiver) {
        return getter.apply(receiver);
    }
}
