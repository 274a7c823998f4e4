package io.p3protocol.app.resilience;

import io.p3protocol.app.support.IntegrationTest;
import io.p3protocol.app.support.TestApi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The individual refusals the fuzz test found missing, one behaviour each: every one is a 4xx problem+json with
 * a code, decided before anything is executed or stored.
 */
@IntegrationTest
class MalformedInputRefusalTest {
    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    TestApi api;

    @BeforeEach
    void setUp() {
        api = new TestApi(port);
    }

    @Test
    void aCommandWhoseAnswerTheClientCannotAcceptIsRefusedBeforeItRuns() {
        String tenant = api.createTenant("accept xml only");
        long before = eventsOf(tenant);

        TestApi.Response r = api.send(HttpRequest.newBuilder(URI.create(api.base() + "/api/tenants/" + tenant + "/suspend"))
                .header("Accept", "application/xml").POST(HttpRequest.BodyPublishers.noBody()), TestApi.ADMIN_KEY);

        assertProblem(r, 406, "not_acceptable");
        assertThat(eventsOf(tenant)).isEqualTo(before);
    }

    @Test
    void aJsonValueOfTheWrongTypeIsNotCoerced() {
        TestApi.Response r = api.post("/api/tenants", TestApi.ADMIN_KEY, "{\"name\": true}");

        assertProblem(r, 400, "validation_failed");
        assertThat(r.json().get("errors").get(0).get("field").asText()).isEqualTo("name");
        assertThat(r.json().get("errors").get(0).get("message").asText()).isEqualTo("cannot read 'true' as String");
    }

    @Test
    void aNumberWrittenAsTextIsNotCoerced() {
        String tenant = api.createTenant("quota as text");

        TestApi.Response r = api.post("/api/tenants/" + tenant + "/api-keys", TestApi.ADMIN_KEY,
                "{\"roles\": [\"viewer\"], \"quotaMonthly\": \"1000\"}");

        assertProblem(r, 400, "validation_failed");
        assertThat(r.json().get("errors").get(0).get("field").asText()).isEqualTo("quotaMonthly");
        assertThat(r.json().get("errors").get(0).get("message").asText()).isEqualTo("wrong JSON type: expected a number");
    }

    @Test
    void textWithAControlCharacterIsAFieldError() {
        TestApi.Response r = api.post("/api/tenants", TestApi.ADMIN_KEY, "{\"name\": \"bell\\u0007name\"}");

        assertProblem(r, 400, "validation_failed");
        assertThat(r.json().get("errors").get(0).get("field").asText()).isEqualTo("name");
        assertThat(r.json().get("errors").get(0).get("message").asText()).contains("U+0007");
    }

    @Test
    void textWithAnUnpairedSurrogateIsAFieldError() {
        TestApi.Response r = api.post("/api/tenants", TestApi.ADMIN_KEY, "{\"name\": \"half \\ud83d pair\"}");

        assertProblem(r, 400, "validation_failed");
    }

    @Test
    void textInAnyScriptAndEmojiIsAccepted() {
        String name = "Zoë 東京 مرحبا 😀 a\u0301";
        TestApi.Response r = api.post("/api/tenants", TestApi.ADMIN_KEY, Map.of("name", name));

        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    @Test
    void aBodyThatIsNotWellFormedUtf8IsRefused() {
        byte[] overlongSlash = {'{', '"', 'n', 'a', 'm', 'e', '"', ':', '"', 'a', (byte) 0xC0, (byte) 0xAF, 'b', '"', '}'};

        TestApi.Response r = api.send(HttpRequest.newBuilder(URI.create(api.base() + "/api/tenants"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(overlongSlash)), TestApi.ADMIN_KEY);

        assertProblem(r, 400, "malformed_body");
        assertThat(r.json().get("detail").asText()).contains("UTF-8");
    }

    @Test
    void trailingContentAfterTheJsonBodyIsRefused() {
        TestApi.Response r = api.post("/api/tenants", TestApi.ADMIN_KEY, "{\"name\": \"one\"} {\"name\": \"two\"}");

        assertProblem(r, 400, "malformed_body");
    }

    @Test
    void aChunkedBodyOverTheLimitIsRefusedWith413() {
        byte[] body = ("{\"name\":\"" + "a".repeat(1024 * 1024 + 10) + "\"}").getBytes(StandardCharsets.UTF_8);

        TestApi.Response r = api.send(HttpRequest.newBuilder(URI.create(api.base() + "/api/tenants"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))), TestApi.ADMIN_KEY);

        assertProblem(r, 413, "payload_too_large");
    }

    @Test
    void aTraceRequestIsRefusedWithProblemJson() {
        TestApi.Response r = api.send(HttpRequest.newBuilder(URI.create(api.base() + "/api/tenants"))
                .method("TRACE", HttpRequest.BodyPublishers.noBody()), TestApi.ADMIN_KEY);

        assertProblem(r, 405, "method_not_allowed");
        assertThat(r.body()).doesNotContain(TestApi.ADMIN_KEY);
    }

    @Test
    void aBodyEndingBeforeItsDeclaredLengthIsRefusedWithProblemJson() {
        FuzzClient.Outcome outcome = new FuzzClient(port).send(new MalformedRequests.FuzzRequest(1, "short", "POST",
                "/api/tenants", List.of(new String[]{"Content-Type", "application/json"},
                new String[]{"X-API-Key", TestApi.ADMIN_KEY}), "{\"name\":\"cut".getBytes(StandardCharsets.UTF_8),
                MalformedRequests.Transport.SHORT_BODY));

        assertThat(outcome.status()).isEqualTo(400);
        assertThat(outcome.contentType()).startsWith("application/problem+json");
        assertThat(outcome.body()).contains("\"code\":\"bad_request\"");
    }

    @Test
    void aRequestTomcatCannotParseIsRefusedWithProblemJson() {
        byte[] badEncoding = ("GET /api/tenants/%zz/rename HTTP/1.1\r\nHost: x\r\nConnection: close\r\nX-API-Key: "
                + TestApi.ADMIN_KEY + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);

        FuzzClient.Outcome outcome = new FuzzClient(port).send(new MalformedRequests.FuzzRequest(1, "bad encoding",
                "GET", "/api/tenants/%zz/rename", List.of(), badEncoding, MalformedRequests.Transport.RAW_HTTP));

        assertThat(outcome.status()).isEqualTo(400);
        assertThat(outcome.contentType()).startsWith("application/problem+json");
        assertThat(outcome.body()).contains("\"code\":\"bad_request\"");
    }

    private void assertProblem(TestApi.Response r, int status, String code) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().get("code").asText()).isEqualTo(code);
    }

    private long eventsOf(String tenant) {
        return jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ?", Long.class,
                tenant);
    }
}
