package io.p3protocol.app.operations;

import io.p3protocol.app.support.Await;
import io.p3protocol.app.support.IntegrationTest;
import io.p3protocol.app.support.TestApi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class PrometheusMetricsTest {
    @LocalServerPort
    int port;
    TestApi api;

    @BeforeEach
    void setUp() {
        api = new TestApi(port);
    }

    @Test
    void prometheusShowsAxonDimensionalMetersAndHttpServerMetrics() {
        api.createTenant("metrics"); // a command and its events, so the Axon meters have counted something

        TestApi.Response r = api.get("/actuator/prometheus", TestApi.ADMIN_KEY);

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("text/plain");
        String body = r.body();
        assertThat(body).contains("http_server_requests_seconds_count{");
        assertThat(body).containsPattern("(?m)^http_server_requests_seconds_count\\{.*uri=\"/api/tenants\"");
        // Dimensional: one meter name per kind, the processor / payload type as tags (not in the meter name).
        assertThat(body).containsPattern("(?m)^eventProcessor_successCounter_total\\{"
                + "payloadType=\"TenantCreatedEvent\",processorName=\"auth-credentials\"}");
        assertThat(body).containsPattern(
                "(?m)^commandBus_successCounter_total\\{payloadType=\"CreateTenantCommand\"}");
        assertThat(body).doesNotContainPattern("(?m)^[a-zA-Z_]*(auth_credentials|tenancy_views)");
    }

    @Test
    void streamingProcessorsHaveTheirOwnMeters() {
        api.createTenant("metrics-streaming");

        // The streaming processor handles the event asynchronously: its meters appear once it has.
        String meter = "eventProcessor_successCounter_total{payloadType=\"TenantCreatedEvent\","
                + "processorName=\"tenancy-views\"}";
        Await.until(Duration.ofSeconds(20), "tenancy-views meters",
                () -> api.get("/actuator/prometheus", TestApi.ADMIN_KEY).body().contains(meter));
    }

    @Test
    void prometheusNeedsAKey() {
        assertThat(api.get("/actuator/prometheus", null).status()).isEqualTo(401);
    }
}
