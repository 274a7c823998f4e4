package io.p3protocol.command.rules.conditions.js;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Turns Jackson JSON into the JavaScript values {@code JSON.parse} would have made: every number a double, objects
 * as ordinary objects (keys such as {@code __proto__} or {@code toString} become own data properties), arrays as
 * arrays, a missing node as undefined. Every call builds fresh objects, so nothing built here is {@code ===} to
 * anything built by another call, like two {@code JSON.parse} results.
 */
public final class JsJson {
    private JsJson() {
    }

    public static JsValue toJs(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return JsUndefined.INSTANCE;
        }
        switch (node.getNodeType()) {
            case NULL:
                return JsNull.INSTANCE;
            case BOOLEAN:
                return JsBoolean.of(node.booleanValue());
            case NUMBER:
                // doubleValue() rounds BigInteger/BigDecimal/long nodes to the nearest double, as JSON.parse does.
                return JsNumber.of(node.doubleValue());
            case STRING:
                return JsString.of(node.textValue());
            case BINARY:
                return JsString.of(node.asText()); // Jackson writes binary as base64 text
            case ARRAY: {
                List<JsValue> elements = new ArrayList<>(node.size());
                for (JsonNode element : node) {
                    elements.add(toJs(element));
                }
                return new JsArray(elements);
            }
            case OBJECT: {
                Map<String, JsValue> properties = new HashMap<>(Math.max(4, node.size() * 2));
                for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    properties.put(field.getKey(), toJs(field.getValue()));
                }
                return new JsPlainObject(properties);
            }
            default:
                throw new IllegalArgumentException("not a JSON value: " + node.getNodeType());
        }
    }
}
