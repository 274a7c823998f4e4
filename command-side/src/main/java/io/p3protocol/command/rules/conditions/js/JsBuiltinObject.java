package io.p3protocol.command.rules.conditions.js;

import java.util.Map;

/**
 * Object.prototype and the wrapper prototypes String.prototype, Number.prototype and Boolean.prototype (whose
 * valueOf gives "", 0 and false).
 */
final class JsBuiltinObject extends JsObject {
    private final Map<String, JsValue> own;
    private final JsObject prototype;
    private final JsValue primitiveForNumberHint;
    private final JsValue primitiveForStringHint;

    JsBuiltinObject(Map<String, JsValue> own, JsObject prototype, JsValue primitiveForNumberHint,
                    JsValue primitiveForStringHint) {
        this.own = own;
        this.prototype = prototype;
        this.primitiveForNumberHint = primitiveForNumberHint;
        this.primitiveForStringHint = primitiveForStringHint;
    }

    @Override
    JsValue ownProperty(String key) {
        return own.get(key);
    }

    @Override
    JsObject prototype() {
        return prototype;
    }

    @Override
    JsValue toPrimitive(boolean hintString) {
        return hintString ? primitiveForStringHint : primitiveForNumberHint;
    }
}
