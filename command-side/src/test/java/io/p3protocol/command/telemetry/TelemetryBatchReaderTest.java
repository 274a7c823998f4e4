package io.p3protocol.command.telemetry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.p3protocol.kernel.errors.InvalidInput.FieldError;
import io.p3protocol.kernel.errors.ValidationError;
import io.p3protocol.kernel.telemetry.TelemetryEventType;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class TelemetryBatchReaderTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    private static List<FieldError> problems(String body) throws Exception {
        JsonNode node = json(body);
        return catchThrowableOfType(() -> TelemetryBatchReader.read(node, NOW), ValidationError.class).details();
    }

    @Test
    void readsOneEventWithEveryField() throws Exception {
        List<TelemetryBatchReader.ClientEvent> events = TelemetryBatchReader.read(json("""
                {"eventType":"click","sessionId":"s-1","wallet":"0xAbCdEf0123456789aBcDeF0123456789ABCDEF01",
                 "geoRegion":"DE","device":"mobile","ts":"2025-06-01T11:59:00+02:00"}"""), NOW);
        assertThat(events).containsExactly(new TelemetryBatchReader.ClientEvent(TelemetryEventType.CLICK, "s-1",
                "0xabcdef0123456789abcdef0123456789abcdef01", "DE", "mobile", Instant.parse("2025-06-01T09:59:00Z")));
    }

    @Test
    void optionalFieldsMayBeMissingOrNull() throws Exception {
        List<TelemetryBatchReader.ClientEvent> events = TelemetryBatchReader.read(
                json("{\"eventType\":\"page_view\",\"sessionId\":null}"), NOW);
        assertThat(events).containsExactly(new TelemetryBatchReader.ClientEvent(TelemetryEventType.PAGE_VIEW,
                null, null, null, null, null));
    }

    @Test
    void acceptsEpochMilliseconds() throws Exception {
        assertThat(TelemetryBatchReader.read(json("{\"eventType\":\"error\",\"ts\":1748779200000}"), NOW).get(0).ts())
                .isEqualTo(Instant.ofEpochMilli(1748779200000L));
    }

    @Test
    void readsABatchInOrder() throws Exception {
        List<TelemetryBatchReader.ClientEvent> events = TelemetryBatchReader.read(json("""
                {"events":[{"eventType":"page_view"},{"eventType":"api_call"},{"eventType":"form_submit"}]}"""), NOW);
        assertThat(events).extracting(TelemetryBatchReader.ClientEvent::eventType).containsExactly(
                TelemetryEventType.PAGE_VIEW, TelemetryEventType.API_CALL, TelemetryEventType.FORM_SUBMIT);
    }

    @Test
    void namesEveryProblemOfEveryEventByIndex() throws Exception {
        assertThat(problems("""
                {"events":[{"eventType":"page_view"},
                           {"eventType":"login","device":"fridge"},
                           {"sessionId":"has spaces","wallet":5,"extra":1},
                           {"eventType":"click","ts":"yesterday"}]}""")).containsExactlyInAnyOrder(
                new FieldError("events[1].eventType", "must be one of " + TelemetryEventType.WIRE_NAMES),
                new FieldError("events[1].device", "must be one of mobile, tablet, desktop, bot, unknown"),
                new FieldError("events[2].extra", "unknown field"),
                new FieldError("events[2].eventType", "is required (one of " + TelemetryEventType.WIRE_NAMES + ")"),
                new FieldError("events[2].sessionId", "must be 1 to 128 characters from A-Z a-z 0-9 . _ : -"),
                new FieldError("events[2].wallet", "must be a string"),
                new FieldError("events[3].ts",
                        "must be an ISO-8601 date-time with offset (e.g. 2025-01-31T12:00:00Z) or epoch milliseconds"));
    }

    @Test
    void aSingleEventsFieldsHaveBarePaths() throws Exception {
        assertThat(problems("{\"eventType\":\"PAGE_VIEW\"}")).containsExactly(
                new FieldError("eventType", "must be one of " + TelemetryEventType.WIRE_NAMES));
    }

    @Test
    void refusesABatchOverTheLimit() throws Exception {
        String event = "{\"eventType\":\"click\"},";
        String body = "{\"events\":[" + event.repeat(TelemetryBatchReader.MAX_EVENTS) + "{\"eventType\":\"click\"}]}";
        assertThat(problems(body)).containsExactly(new FieldError("events",
                "at most 1000 events per request (got 1001); split the batch"));
    }

    @Test
    void acceptsABatchAtTheLimit() throws Exception {
        String event = "{\"eventType\":\"click\"}";
        String body = "{\"events\":[" + String.join(",", java.util.Collections.nCopies(1000, event)) + "]}";
        assertThat(TelemetryBatchReader.read(json(body), NOW)).hasSize(1000);
    }

    @Test
    void refusesAnEmptyBatchAndABatchThatIsNotAnArray() throws Exception {
        assertThat(problems("{\"events\":[]}")).containsExactly(new FieldError("events", "must hold at least one event"));
        assertThat(problems("{\"events\":{}}")).containsExactly(
                new FieldError("events", "must be an array of event objects"));
        assertThat(problems("{\"events\":[1]}")).containsExactly(new FieldError("events[0]", "must be an event object"));
    }

    @Test
    void refusesATimestampFarInTheFutureOrBefore2000() throws Exception {
        assertThat(problems("{\"eventType\":\"click\",\"ts\":\"2025-06-01T12:06:00Z\"}")).containsExactly(
                new FieldError("ts", "is more than 5 minutes in the future"));
        assertThat(TelemetryBatchReader.read(json("{\"eventType\":\"click\",\"ts\":\"2025-06-01T12:04:00Z\"}"), NOW))
                .hasSize(1);
        assertThat(problems("{\"eventType\":\"click\",\"ts\":0}")).containsExactly(
                new FieldError("ts", "is before 2000-01-01T00:00:00Z"));
    }

    @Test
    void refusesAnythingButAnObject() throws Exception {
        assertThat(problems("[{\"eventType\":\"click\"}]")).containsExactly(
                new FieldError("body", "expected one event object or {\"events\": [...]}"));
    }
}
