package io.p3protocol.command.rules.conditions.js;

import java.util.Collections;
import java.util.List;
import java.util.Map;

/** An array: JSON arrays (no holes), and Array.prototype itself (an empty array with the array methods). */
public class JsArray extends JsObject {
    private final List<JsValue> elements;

    /** @param elements taken over, not copied: the caller must not change the list afterwards */
    JsArray(List<JsValue> elements) {
        this.elements = elements;
    }

    public static JsArray of(List<? extends JsValue> elements) {
        return new JsArray(List.copyOf(elements));
    }

    public List<JsValue> elements() {
        return Collections.unmodifiableList(elements);
    }

    public int length() {
        return elements.size();
    }

    public JsValue get(int index) {
        return elements.get(index);
    }

    @Override
    public final boolean isArray() {
        return true;
    }

    @Override
    JsValue ownProperty(String key) {
        if ("length".equals(key)) {
            return JsNumber.of(elements.size());
        }
        long index = Js.arrayIndex(key);
        return index >= 0 && index < elements.size() ? elements.get((int) index) : null;
    }

    @Override
    JsObject prototype() {
        return JsBuiltins.ARRAY_PROTOTYPE;
    }

    /** Array.prototype.toString is join(","): null and undefined elements become "", nested values ToString. */
    @Override
    JsValue toPrimitive(boolean hintString) {
        return JsString.of(join());
    }

    String join() {
        if (elements.isEmpty()) {
            return "";
        }
        StringBuilder joined = new StringBuilder();
        for (int i = 0; i < elements.size(); i++) {
            if (i > 0) {
                joined.append(',');
            }
            JsValue element = elements.get(i);
            if (element != JsUndefined.INSTANCE && element != JsNull.INSTANCE) {
                joined.append(Js.toJsString(element));
            }
        }
        return joined.toString();
    }

    /** Array.prototype: an array exotic object with no elements, whose own properties are the array methods. */
    static final class Prototype extends JsArray {
        private final Map<String, JsValue> methods;

        Prototype(Map<String, JsValue> methods) {
            super(List.of());
            this.methods = methods;
        }

        @Override
        JsValue ownProperty(String key) {
            JsValue element = super.ownProperty(key);
            return element != null ? element : methods.get(key);
        }

        @Override
        JsObject prototype() {
            return JsBuiltins.OBJECT_PROTOTYPE;
        }
    }
}
