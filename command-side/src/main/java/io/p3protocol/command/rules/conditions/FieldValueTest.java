package io.p3protocol.command.rules.conditions;

import io.p3protocol.command.rules.conditions.js.JsError;
import io.p3protocol.command.rules.conditions.js.JsValue;

/** An operator bound to its condition value, applied to a field's value. */
@FunctionalInterface
interface FieldValueTest {
    /** @throws JsError where the original's operator threw */
    boolean test(JsValue fieldValue);
}
