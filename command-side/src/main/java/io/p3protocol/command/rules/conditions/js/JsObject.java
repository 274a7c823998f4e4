package io.p3protocol.command.rules.conditions.js;

/**
 * A JavaScript object. Identity is reference identity (JavaScript {@code ===} on objects), so two objects built
 * from equal JSON are never equal, as in the original.
 */
public abstract class JsObject implements JsValue {

    JsObject() {
    }

    /** The own property {@code key}, or {@code null} when the object has none (it may be a {@link JsAccessor}). */
    abstract JsValue ownProperty(String key);

    /** The object's [[Prototype]], or {@code null} at the end of the chain (Object.prototype). */
    abstract JsObject prototype();

    /**
     * ToPrimitive(this, hint) for the objects this model can hold: the result of JavaScript's OrdinaryToPrimitive
     * with the built-in {@code valueOf}/{@code toString} (data properties from JSON can shadow them, and are not
     * callable).
     *
     * @throws JsError "Cannot convert object to primitive value", as V8 does when no callable method gives a primitive
     */
    abstract JsValue toPrimitive(boolean hintString);

    /** {@code Array.isArray(this)}. */
    public boolean isArray() {
        return false;
    }
}
