package io.p3protocol.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The one place that knows the shape of {@code GET /actuator/processors}. Deliberately tolerant, so a change in the
 * app's JSON needs an edit here only. Accepted shapes:
 * <ul>
 *   <li>{@code {"processors":[{...}, ...]}} (the documented shape), or a bare array {@code [{...}, ...]};</li>
 *   <li>{@code {"processors":{"tenancy-views":{...}}}} or {@code {"tenancy-views":{...}}}: objects keyed by name.</li>
 * </ul>
 * Per processor: name from {@code name|processorName|processingGroup} (or the map key); {@code replaying|isReplaying};
 * {@code position|currentPosition}; {@code lag}; segments from {@code segments|trackers|status}. Per segment:
 * {@code segment|segmentId|id}; {@code replaying|isReplaying}; {@code position|currentPosition|tokenPosition};
 * {@code resetPosition|resetTokenPosition}; {@code error|errorMessage} (text). Booleans may be JSON booleans or the strings "true"/"false"; numbers may be
 * numbers or numeric strings; a position may also be an object with a {@code position|index|globalIndex} field.
 */
public final class ProcessorStatusParser {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> NAME = List.of("name", "processorName", "processingGroup");
    private static final List<String> REPLAYING = List.of("replaying", "isReplaying");
    private static final List<String> POSITION = List.of("position", "currentPosition", "tokenPosition");
    private static final List<String> RESET = List.of("resetPosition", "resetTokenPosition");
    private static final List<String> SEGMENTS = List.of("segments", "trackers", "status");
    private static final List<String> SEGMENT_ID = List.of("segment", "segmentId", "id");

    private ProcessorStatusParser() {
    }

    /** Parses the body; throws {@link IllegalArgumentException} when it is not JSON or holds no processor at all. */
    public static List<ProcessorStatus> parse(String body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("processor status is not JSON: " + abbreviate(body), e);
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw new IllegalArgumentException("empty processor status");
        }
        JsonNode container = root.isObject() && root.has("processors") ? root.get("processors") : root;
        List<ProcessorStatus> result = new ArrayList<>();
        if (container.isArray()) {
            for (JsonNode p : container) {
                if (p.isObject()) {
                    result.add(processor(p, null));
                }
            }
        } else if (container.isObject()) {
            if (looksLikeProcessor(container)) {
                result.add(processor(container, null));
            } else {
                Iterator<Map.Entry<String, JsonNode>> fields = container.fields();
                while (fields.hasNext()) {
                    Map.Entry<String, JsonNode> e = fields.next();
                    if (e.getValue().isObject()) {
                        result.add(processor(e.getValue(), e.getKey()));
                    }
                }
            }
        }
        if (result.isEmpty()) {
            throw new IllegalArgumentException("no processor found in: " + abbreviate(body));
        }
        return result;
    }

    /** The processor called {@code name}, if present. */
    public static Optional<ProcessorStatus> find(String body, String name) {
        return parse(body).stream().filter(p -> name.equals(p.name())).findFirst();
    }

    private static boolean looksLikeProcessor(JsonNode node) {
        return first(node, NAME) != null || first(node, SEGMENTS) != null || first(node, REPLAYING) != null;
    }

    private static ProcessorStatus processor(JsonNode p, String keyName) {
        JsonNode nameNode = first(p, NAME);
        String name = nameNode != null && nameNode.isValueNode() ? nameNode.asText() : keyName;
        List<ProcessorStatus.Segment> segments = new ArrayList<>();
        JsonNode segs = first(p, SEGMENTS);
        if (segs != null && segs.isArray()) {
            int i = 0;
            for (JsonNode s : segs) {
                if (s.isObject()) {
                    segments.add(segment(s, i));
                }
                i++;
            }
        } else if (segs != null && segs.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = segs.fields();
            int i = 0;
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> e = fields.next();
                if (e.getValue().isObject()) {
                    OptionalLong key = asLong(TextNode.valueOf(e.getKey()));
                    segments.add(segment(e.getValue(), key.isPresent() ? (int) key.getAsLong() : i));
                }
                i++;
            }
        }
        return new ProcessorStatus(name, asBoolean(first(p, REPLAYING)), asLong(first(p, POSITION)),
                asLong(p.get("lag")), segments);
    }

    private static ProcessorStatus.Segment segment(JsonNode s, int fallbackId) {
        OptionalLong id = asLong(first(s, SEGMENT_ID));
        JsonNode error = first(s, List.of("error", "errorMessage"));
        String errorText = error == null || error.isBoolean() ? null : error.isValueNode() ? error.asText() : error.toString();
        return new ProcessorStatus.Segment(id.isPresent() ? (int) id.getAsLong() : fallbackId,
                asBoolean(first(s, REPLAYING)), asLong(first(s, POSITION)), asLong(first(s, RESET)), errorText);
    }

    private static JsonNode first(JsonNode node, List<String> names) {
        for (String n : names) {
            JsonNode v = node.get(n);
            if (v != null && !v.isNull()) {
                return v;
            }
        }
        return null;
    }

    static Boolean asBoolean(JsonNode v) {
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        if (v.isTextual()) {
            String t = v.asText().trim();
            if (t.equalsIgnoreCase("true")) {
                return Boolean.TRUE;
            }
            if (t.equalsIgnoreCase("false")) {
                return Boolean.FALSE;
            }
        }
        return null;
    }

    static OptionalLong asLong(JsonNode v) {
        if (v == null || v.isNull()) {
            return OptionalLong.empty();
        }
        if (v.isIntegralNumber()) {
            return OptionalLong.of(v.longValue());
        }
        if (v.isNumber()) {
            return OptionalLong.of((long) v.doubleValue());
        }
        if (v.isTextual()) {
            try {
                return OptionalLong.of(Long.parseLong(v.asText().trim()));
            } catch (NumberFormatException e) {
                return OptionalLong.empty();
            }
        }
        if (v.isObject()) { // e.g. {"position": 12} or an Optional serialised as {"present":true,"asLong":12}
            for (String n : List.of("position", "index", "globalIndex", "asLong", "value")) {
                if (v.has(n)) {
                    return asLong(v.get(n));
                }
            }
        }
        return OptionalLong.empty();
    }

    private static String abbreviate(String s) {
        if (s == null) {
            return "null";
        }
        return s.length() <= 200 ? s : s.substring(0, 200) + "...";
    }
}
