package io.p3protocol.command.rules.conditions.js;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/** An ordinary object parsed from JSON: own data properties, then Object.prototype. */
public final class JsPlainObject extends JsObject {
    private final Map<String, JsValue> properties;

    /** @param properties taken over, not copied: the caller must not change the map afterwards */
    JsPlainObject(Map<String, JsValue> properties) {
        this.properties = properties;
    }

    public static JsPlainObject of(Map<String, ? extends JsValue> properties) {
        return new JsPlainObject(new HashMap<>(properties));
    }

    /** The own properties, read-only. */
    public Map<String, JsValue> properties() {
        return Collections.unmodifiableMap(properties);
    }

    @Override
    JsValue ownProperty(String key) {
        return properties.get(key);
    }

    @Override
    JsObject prototype() {
        return JsBuiltins.OBJECT_PROTOTYPE;
    }

    /**
     * Both hints end in Object.prototype.toString ("[object Object]"), unless JSON gave the object an own
     * {@code toString} data property: it is not callable, {@code valueOf} returns the object itself, so V8 throws.
     */
    @Override
    JsValue toPrimitive(boolean hintString) {
        if (properties.containsKey("toString")) {
            throw new JsError("Cannot convert object to primitive value");
        }
        return JsBuiltins.OBJECT_TO_STRING_RESULT;
    }
}
