package io.p3protocol.command.rules.conditions.js;

import java.util.Map;

/**
 * A built-in function reached through a property path ({@code payload.toString}, {@code tags.constructor}). It can
 * only be compared, converted to a string ("function toString() { [native code] }") or have its properties read;
 * nothing here ever calls it.
 */
public final class JsFunction extends JsObject {
    private final String name;
    private final int length;
    private final Map<String, JsValue> ownExtras;
    private final boolean isFunctionPrototype;

    JsFunction(String name, int length, Map<String, JsValue> ownExtras, boolean isFunctionPrototype) {
        this.name = name;
        this.length = length;
        this.ownExtras = ownExtras;
        this.isFunctionPrototype = isFunctionPrototype;
    }

    public String name() {
        return name;
    }

    @Override
    JsValue ownProperty(String key) {
        if ("name".equals(key)) {
            return JsString.of(name);
        }
        if ("length".equals(key)) {
            return JsNumber.of(length);
        }
        return ownExtras.get(key);
    }

    @Override
    JsObject prototype() {
        return isFunctionPrototype ? JsBuiltins.OBJECT_PROTOTYPE : JsBuiltins.FUNCTION_PROTOTYPE;
    }

    /** Function.prototype.toString of a built-in, as V8 prints it. */
    @Override
    JsValue toPrimitive(boolean hintString) {
        return JsString.of(isFunctionPrototype ? "function () { [native code] }" : "function " + name + "() { [native code] }");
    }
}
