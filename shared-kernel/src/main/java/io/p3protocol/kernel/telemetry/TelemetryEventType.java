package io.p3protocol.kernel.telemetry;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** What a client reports. The wire names are the original's ({@code page_view}, {@code click}, ...). */
public enum TelemetryEventType {
    PAGE_VIEW("page_view"), CLICK("click"), FORM_SUBMIT("form_submit"), API_CALL("api_call"), ERROR("error");

    /** The accepted wire names, comma-separated, for error messages. */
    public static final String WIRE_NAMES = Arrays.stream(values()).map(TelemetryEventType::wireName)
            .collect(Collectors.joining(", "));

    private final String wireName;

    TelemetryEventType(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** The type with exactly this wire name (case-sensitive, as the original's CHECK constraint is). */
    public static Optional<TelemetryEventType> fromWire(String value) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(value)).findFirst();
    }

    @JsonCreator
    static TelemetryEventType parse(String value) {
        return fromWire(value).orElseThrow(() -> new IllegalArgumentException(
                "unknown telemetry event type '" + value + "' (expected " + WIRE_NAMES + ")"));
    }
}
