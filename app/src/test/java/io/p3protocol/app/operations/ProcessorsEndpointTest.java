package io.p3protocol.app.operations;

import com.fasterxml.jackson.databind.JsonNode;
import io.p3protocol.app.support.Await;
import io.p3protocol.app.support.IntegrationTest;
import io.p3protocol.app.support.TestApi;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class ProcessorsEndpointTest {
    private static final String VIEWS = "tenancy-views";

    @LocalServerPort
    int port;
    @Autowired
    ProcessorStatusReader reader;
    TestApi api;

    @BeforeEach
    void setUp() {
        api = new TestApi(port);
    }

    private JsonNode processor(String name) {
        TestApi.Response r = api.get("/actuator/processors/" + name, TestApi.ADMIN_KEY);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    @Test
    void listsEveryStreamingProcessorWithItsSegmentsAndDeadLetterQueue() {
        TestApi.Response r = api.get("/actuator/processors", TestApi.ADMIN_KEY);

        assertThat(r.status()).isEqualTo(200);
        JsonNode views = null;
        for (JsonNode p : r.json().get("processors")) {
            if (p.get("name").asText().equals(VIEWS)) {
                views = p;
            }
        }
        assertThat(views).as(r.body()).isNotNull();
        assertThat(views.get("mode").asText()).isEqualTo("pooled");
        assertThat(views.get("running").asBoolean()).isTrue();
        assertThat(views.get("error").asBoolean()).isFalse();
        assertThat(views.get("deadLetters").get("enabled").asBoolean()).isTrue();
        assertThat(views.get("segments")).hasSize(2);
        JsonNode segment = views.get("segments").get(0);
        assertThat(segment.get("claimed").asBoolean()).isTrue();
        assertThat(segment.get("owner").asText()).isNotBlank();
        assertThat(r.json().get("headGlobalIndex").asLong()).isPositive();
    }

    @Test
    void lagFallsToZeroOnceTheProcessorHasHandledTheNewestEvent() {
        api.createTenant("lag-check");
        long head = reader.headGlobalIndex();

        JsonNode views = Await.until(Duration.ofSeconds(20), "tenancy-views caught up with " + head,
                () -> processor(VIEWS), p -> p.get("lag").asLong() == 0);

        for (JsonNode segment : views.get("segments")) {
            assertThat(segment.get("lag").asLong()).isZero();
            assertThat(segment.get("position").asLong()).isGreaterThanOrEqualTo(head);
        }
    }

    @Test
    void aReplayOnAQuietStoreIsReportedDoneOnceEverySegmentReachesItsResetPosition() {
        api.createTenant("replay-check");
        Await.until(Duration.ofSeconds(20), "tenancy-views caught up", () -> processor(VIEWS),
                p -> p.get("lag").asLong() == 0);
        long headBefore = reader.headGlobalIndex();

        TestApi.Response replay = api.post("/actuator/processors/" + VIEWS + "/replay", TestApi.ADMIN_KEY, null);
        assertThat(replay.status()).as(replay.body()).isEqualTo(202);

        JsonNode done = Await.until(Duration.ofSeconds(30), "replay of tenancy-views done", () -> processor(VIEWS),
                p -> !p.get("replaying").asBoolean() && p.get("lag").asLong() == 0);

        assertThat(reader.headGlobalIndex()).as("no new event was needed to end the replay").isEqualTo(headBefore);
        boolean replayTokenStillInPlace = false;
        for (JsonNode segment : done.get("segments")) {
            assertThat(segment.get("replaying").asBoolean()).isFalse();
            assertThat(segment.get("position").asLong()).isEqualTo(headBefore);
            replayTokenStillInPlace |= segment.get("resetPosition").asLong(-1) == headBefore;
        }
        // The segment that handled the newest event keeps its replay token: Axon itself still calls it replaying.
        assertThat(replayTokenStillInPlace).as(done.toString()).isTrue();
        assertThat(reader.streamingProcessor(VIEWS).orElseThrow().processingStatus().values())
                .anyMatch(EventTrackerStatus::isReplaying);
    }

    @Test
    void anActionNeedsNeitherBodyNorContentType() {
        TestApi.Response r = api.send(HttpRequest.newBuilder(URI.create(api.base()
                + "/actuator/processors/" + SwitchableFailingHandler.GROUP + "/dead-letters/retry"))
                .POST(HttpRequest.BodyPublishers.noBody()), TestApi.ADMIN_KEY);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("processor").asText()).isEqualTo(SwitchableFailingHandler.GROUP);
    }

    @Test
    void anUnknownProcessorIsA404Problem() {
        TestApi.Response r = api.get("/actuator/processors/no-such-processor", TestApi.ADMIN_KEY);
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().get("code").asText()).isEqualTo("processor_not_found");
    }

    @Test
    void replayingAnUnknownProcessorIsA404Problem() {
        TestApi.Response r = api.post("/actuator/processors/no-such-processor/replay", TestApi.ADMIN_KEY, null);
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json().get("code").asText()).isEqualTo("processor_not_found");
    }

    @Test
    void aTenantKeyIsRefusedWith403Forbidden() {
        String tenant = api.createTenant("actuator-intruder");
        String tenantAdminKey = api.issueKey(tenant, "admin").get("apiKey").asText();

        for (TestApi.Response r : new TestApi.Response[]{
                api.get("/actuator/processors", tenantAdminKey),
                api.post("/actuator/processors/" + VIEWS + "/replay", tenantAdminKey, null),
                api.get("/actuator/prometheus", tenantAdminKey),
                api.get("/actuator/metrics", tenantAdminKey)}) {
            assertThat(r.status()).as(r.body()).isEqualTo(403);
            assertThat(r.contentType()).startsWith("application/problem+json");
            assertThat(r.json().get("code").asText()).isEqualTo("forbidden");
        }
    }

    @Test
    void withoutAKeyTheProcessorsEndpointIsA401() {
        TestApi.Response r = api.get("/actuator/processors", null);
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.json().get("code").asText()).isEqualTo("missing_api_key");
    }

    @Test
    void healthShowsTheDatabaseAndTheEventProcessorsWithoutAKey() {
        TestApi.Response r = api.get("/actuator/health", null);

        assertThat(r.status()).isEqualTo(200);
        JsonNode components = r.json().get("components");
        assertThat(components.get("db").get("status").asText()).isEqualTo("UP");
        JsonNode processors = components.get("eventProcessors");
        assertThat(processors.get("status").asText()).isEqualTo("UP");
        assertThat(processors.get("details").get(VIEWS).get("status").asText()).isEqualTo("UP");
    }
}
