package io.p3protocol.command.rules.conditions;

import io.p3protocol.command.rules.conditions.js.Js;
import io.p3protocol.command.rules.conditions.js.JsNull;
import io.p3protocol.command.rules.conditions.js.JsUndefined;
import io.p3protocol.command.rules.conditions.js.JsValue;

import java.util.ArrayList;
import java.util.List;

/**
 * A dot path, split like JavaScript's {@code field.split('.')} (empty segments kept: "a..b" has the segment ""),
 * walked like the original: {@code value = value[part]} for each segment, undefined as soon as a value on the way is
 * null or undefined. Array indexes ({@code tags.0}), string indexes and lengths ({@code name.length}), and
 * built-in properties ({@code payload.constructor}) resolve as in JavaScript.
 */
final class FieldPath {
    private final String[] segments;

    private FieldPath(String[] segments) {
        this.segments = segments;
    }

    static FieldPath parse(String field) {
        List<String> segments = new ArrayList<>();
        int start = 0;
        for (int dot = field.indexOf('.'); dot >= 0; dot = field.indexOf('.', start)) {
            segments.add(field.substring(start, dot));
            start = dot + 1;
        }
        segments.add(field.substring(start));
        return new FieldPath(segments.toArray(String[]::new));
    }

    JsValue resolve(JsValue event) {
        JsValue value = event;
        for (String segment : segments) {
            if (value == JsNull.INSTANCE || value == JsUndefined.INSTANCE) {
                return JsUndefined.INSTANCE;
            }
            value = Js.getProperty(value, segment);
        }
        return value;
    }
}
