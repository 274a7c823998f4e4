package io.p3protocol.command.rules.conditions.js;

/**
 * A JavaScript value, as the original rules engine (TypeScript on Node.js) saw rule conditions and events.
 *
 * <p>Primitives are {@link JsUndefined}, {@link JsNull}, {@link JsBoolean}, {@link JsNumber} and {@link JsString};
 * everything else is a {@link JsObject}, compared by reference like in JavaScript. Values come from JSON through
 * {@link JsJson}, or from the built-in objects a property path can reach ({@code tags.length},
 * {@code payload.constructor}), modelled in {@link JsBuiltins}. All operations live in {@link Js}.
 */
public interface JsValue {
}
