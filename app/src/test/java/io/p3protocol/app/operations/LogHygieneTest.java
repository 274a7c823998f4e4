package io.p3protocol.app.operations;

import io.p3protocol.app.support.IntegrationTest;
import io.p3protocol.app.support.TestApi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** What the service logs carries the request's correlation id, and never a key. */
@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class LogHygieneTest {
    @LocalServerPort
    int port;
    TestApi api;

    @BeforeEach
    void setUp() {
        api = new TestApi(port);
    }

    private TestApi.Response post(String path, String key, String body, String correlationId) {
        return api.send(HttpRequest.newBuilder(URI.create(api.base() + path))
                .header("Content-Type", "application/json")
                .header("X-Correlation-Id", correlationId)
                .POST(HttpRequest.BodyPublishers.ofString(body)), key);
    }

    @Test
    void aKeysWholeLifeLeavesItsCorrelationIdButNeitherTheKeyNorTheAdminKeyInTheLog(CapturedOutput output) {
        String correlationId = "log-check-" + UUID.randomUUID();
        String tenant = post("/api/tenants", TestApi.ADMIN_KEY, "{\"name\":\"log-hygiene\"}", correlationId)
                .json().get("tenantId").asText();
        TestApi.Response issued = post("/api/tenants/" + tenant + "/api-keys", TestApi.ADMIN_KEY,
                "{\"roles\":[\"admin\"]}", correlationId);
        assertThat(issued.status()).isEqualTo(201);
        String key = issued.json().get("apiKey").asText();
        String keyId = issued.json().get("keyId").asText();

        assertThat(post("/api/tenants/" + tenant + "/rename", key, "{\"name\":\"log-hygiene-2\"}", correlationId)
                .status()).isEqualTo(200);
        assertThat(post("/api/api-keys/" + keyId + "/revoke", key, "{}", correlationId).status()).isEqualTo(200);
        assertThat(post("/api/api-keys/" + keyId + "/revoke", TestApi.ADMIN_KEY, "{}", correlationId).status())
                .isEqualTo(409);
        assertThat(post("/api/tenants/" + tenant + "/rename", key, "{\"name\":\"x\"}", correlationId).status())
                .isEqualTo(403);

        String log = output.getAll();
        assertThat(log).contains("[" + correlationId + "]");
        assertThat(log).contains("POST /api/api-keys/" + keyId + "/revoke 200");
        assertThat(log).doesNotContain(key);
        assertThat(log).doesNotContain(TestApi.ADMIN_KEY);
    }
}
