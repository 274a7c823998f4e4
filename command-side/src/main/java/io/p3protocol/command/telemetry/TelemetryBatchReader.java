package io.p3protocol.command.telemetry;

import com.fasterxml.jackson.databind.JsonNode;
import io.p3protocol.kernel.errors.InvalidInput.FieldError;
import io.p3protocol.kernel.errors.ValidationError;
import io.p3protocol.kernel.telemetry.TelemetryEventType;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Reads and checks the body of {@code POST /api/telemetry}: one event object, or {@code {"events": [...]}} with 1
 * to {@value #MAX_EVENTS} of them. Every problem of every event is collected (so a client fixes a batch in one
 * round), then refused at once as a {@link ValidationError} whose field paths name the index
 * ({@code events[3].eventType}).
 */
public final class TelemetryBatchReader {
    public static final int MAX_EVENTS = 1000;
    static final String EVENTS = "events";
    /** A client clock may run a little fast; further ahead than this is a wrong timestamp, not skew. */
    static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);
    static final Instant EARLIEST_TS = Instant.parse("2000-01-01T00:00:00Z");
    static final Set<String> DEVICES = Set.of("mobile", "tablet", "desktop", "bot", "unknown");
    private static final Set<String> FIELDS = Set.of("eventType", "sessionId", "wallet", "geoRegion", "device", "ts");
    // Character rules as plain loops, not regular expressions: checked for every field of every event, a
    // java.util.regex match cost more CPU than the rest of reading the event (docs/benchmarks.md).
    private static final Predicate<String> IDENTIFIER = value -> isIdentifier(value, 128);
    private static final String IDENTIFIER_RULE = "1 to 128 characters from A-Z a-z 0-9 . _ : -";
    private static final Predicate<String> GEO_REGION = TelemetryBatchReader::isGeoRegion;

    private TelemetryBatchReader() {
    }

    /** One event as the client sent it, checked; {@code sessionId} and {@code ts} may still be absent (null). */
    public record ClientEvent(TelemetryEventType eventType, String sessionId, String wallet, String geoRegion,
                              String device, Instant ts) {
    }

    /** The events of {@code body}, in order; throws {@link ValidationError} naming every problem. */
    public static List<ClientEvent> read(JsonNode body, Instant now) {
        List<FieldError> problems = new ArrayList<>();
        List<ClientEvent> events = new ArrayList<>();
        if (body == null || !body.isObject()) {
            throw new ValidationError(List.of(new FieldError("body",
                    "expected one event object or {\"events\": [...]}")));
        }
        if (body.has(EVENTS)) {
            JsonNode array = body.get(EVENTS);
            body.fieldNames().forEachRemaining(name -> {
                if (!name.equals(EVENTS)) {
                    problems.add(new FieldError(name, "unknown field (a batch holds only 'events')"));
                }
            });
            if (!array.isArray()) {
                problems.add(new FieldError(EVENTS, "must be an array of event objects"));
            } else if (array.isEmpty()) {
                problems.add(new FieldError(EVENTS, "must hold at least one event"));
            } else if (array.size() > MAX_EVENTS) {
                problems.add(new FieldError(EVENTS, "at most " + MAX_EVENTS + " events per request (got "
                        + array.size() + "); split the batch"));
            } else {
                for (int i = 0; i < array.size(); i++) {
                    events.add(readEvent(array.get(i), EVENTS + "[" + i + "]", now, problems));
                }
            }
        } else {
            events.add(readEvent(body, "", now, problems));
        }
        if (!problems.isEmpty()) {
            throw new ValidationError(problems);
        }
        return events;
    }

    private static ClientEvent readEvent(JsonNode event, String path, Instant now, List<FieldError> problems) {
        if (!event.isObject()) {
            problems.add(new FieldError(path.isEmpty() ? "body" : path, "must be an event object"));
            return null;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = event.fields(); it.hasNext(); ) {
            String name = it.next().getKey();
            if (!FIELDS.contains(name)) {
                problems.add(new FieldError(field(path, name), "unknown field"));
            }
        }
        TelemetryEventType type = null;
        String typeText = text(event, path, "eventType", problems);
        if (typeText == null) {
            if (isAbsent(event.get("eventType"))) {
                problems.add(new FieldError(field(path, "eventType"), "is required (one of "
                        + TelemetryEventType.WIRE_NAMES + ")"));
            }
        } else {
            type = TelemetryEventType.fromWire(typeText).orElse(null);
            if (type == null) {
                problems.add(new FieldError(field(path, "eventType"), "must be one of " + TelemetryEventType.WIRE_NAMES));
            }
        }
        String sessionId = matching(event, path, "sessionId", IDENTIFIER, IDENTIFIER_RULE, problems);
        String wallet = matching(event, path, "wallet", IDENTIFIER, IDENTIFIER_RULE, problems);
        if (wallet != null && isEvmAddress(wallet)) {
            wallet = wallet.toLowerCase(Locale.ROOT); // one wallet, whatever its EIP-55 capitalisation
        }
        String geoRegion = matching(event, path, "geoRegion", GEO_REGION,
                "1 to 64 letters, digits, spaces or . , ' ( ) / _ -", problems);
        String device = text(event, path, "device", problems);
        if (device != null && !DEVICES.contains(device)) {
            problems.add(new FieldError(field(path, "device"), "must be one of mobile, tablet, desktop, bot, unknown"));
            device = null;
        }
        Instant ts = timestamp(event, path, now, problems);
        return new ClientEvent(type, sessionId, wallet, geoRegion, device, ts);
    }

    private static Instant timestamp(JsonNode event, String path, Instant now, List<FieldError> problems) {
        JsonNode node = event.get("ts");
        if (isAbsent(node)) {
            return null;
        }
        Instant ts;
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            ts = Instant.ofEpochMilli(node.longValue());
        } else if (node.isTextual()) {
            try {
                ts = OffsetDateTime.parse(node.textValue()).toInstant();
            } catch (DateTimeParseException e) {
                problems.add(new FieldError(field(path, "ts"),
                        "must be an ISO-8601 date-time with offset (e.g. 2025-01-31T12:00:00Z) or epoch milliseconds"));
                return null;
            }
        } else {
            problems.add(new FieldError(field(path, "ts"), "must be an ISO-8601 string or epoch milliseconds"));
            return null;
        }
        if (ts.isAfter(now.plus(MAX_CLOCK_SKEW))) {
            problems.add(new FieldError(field(path, "ts"), "is more than " + MAX_CLOCK_SKEW.toMinutes()
                    + " minutes in the future"));
            return null;
        }
        if (ts.isBefore(EARLIEST_TS)) {
            problems.add(new FieldError(field(path, "ts"), "is before " + EARLIEST_TS));
            return null;
        }
        return ts;
    }

    private static String matching(JsonNode event, String path, String name, Predicate<String> rule,
                                   String ruleText, List<FieldError> problems) {
        String value = text(event, path, name, problems);
        if (value != null && !rule.test(value)) {
            problems.add(new FieldError(field(path, name), "must be " + ruleText));
            return null;
        }
        return value;
    }

    /** 1 to {@code maxLength} characters from A-Z a-z 0-9 . _ : - */
    static boolean isIdentifier(String value, int maxLength) {
        int length = value.length();
        if (length < 1 || length > maxLength) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == ':' || c == '-';
            if (!allowed) {
                return false;
            }
        }
        return true;
    }

    /** {@code 0x} and 40 hexadecimal digits, in either case. */
    static boolean isEvmAddress(String value) {
        if (value.length() != 42 || !value.startsWith("0x")) {
            return false;
        }
        for (int i = 2; i < 42; i++) {
            char c = value.charAt(i);
            // ASCII only: Character.digit would also take other scripts' digits (e.g. Arabic-Indic, fullwidth)
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
                return false;
            }
        }
        return true;
    }

    /**
     * 1 to 64 code points, each a Unicode letter or number (the classes {@code \p{L}} and {@code \p{N}}) or one of
     * {@code  .,'()/_-}.
     */
    static boolean isGeoRegion(String value) {
        int count = 0;
        for (int i = 0; i < value.length(); ) {
            int codePoint = value.codePointAt(i);
            i += Character.charCount(codePoint);
            if (++count > 64 || !(isLetterOrNumber(codePoint) || " .,'()/_-".indexOf(codePoint) >= 0)) {
                return false;
            }
        }
        return count >= 1;
    }

    private static boolean isLetterOrNumber(int codePoint) {
        return switch (Character.getType(codePoint)) {
            case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
                 Character.MODIFIER_LETTER, Character.OTHER_LETTER, Character.DECIMAL_DIGIT_NUMBER,
                 Character.LETTER_NUMBER, Character.OTHER_NUMBER -> true;
            default -> false;
        };
    }

    /** The string value of an optional field; null when absent or JSON null, and a problem when not a string. */
    private static String text(JsonNode event, String path, String name, List<FieldError> problems) {
        JsonNode node = event.get(name);
        if (isAbsent(node)) {
            return null;
        }
        if (!node.isTextual()) {
            problems.add(new FieldError(field(path, name), "must be a string"));
            return null;
        }
        return node.textValue();
    }

    private static boolean isAbsent(JsonNode node) {
        return node == null || node.isNull();
    }

    private static String field(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }
}
