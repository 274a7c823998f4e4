package io.p3protocol.app.telemetry;

import io.p3protocol.app.support.IntegrationTest;
import io.p3protocol.app.support.TestApi;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Telemetry events are {@code HighVolume}: Axon's per-message meters skip them (they cost more CPU than the
 * events' handling; docs/benchmarks.md), while every other message keeps its meters.
 */
@IntegrationTest
class TelemetryMetricsTest {
    @LocalServerPort
    int port;

    @Test
    void handledTelemetryEventsHaveNoPerMessageMetersWhileOtherEventsKeepTheirs() {
        TestApi api = new TestApi(port);
        TelemetryApi telemetry = new TelemetryApi(api);
        String[] t = telemetry.tenantWithKey("telemetry-meters");
        telemetry.ingest(t[1], "{\"eventType\":\"click\",\"sessionId\":\"sess-meters\"}", "203.0.113.77", "M/1");
        telemetry.awaitGraphQl(t[1], "query($s: String!) { telemetrySession(sessionId: $s) { events } }",
                Map.of("s", "sess-meters"), answer -> !answer.at("/data/telemetrySession").isNull());

        String metrics = api.get("/actuator/prometheus", TestApi.ADMIN_KEY).body();

        assertThat(metrics).contains("payloadType=\"TenantCreatedEvent\"");
        assertThat(metrics).doesNotContain("payloadType=\"TelemetryRecordedEvent\"");
    }
}
