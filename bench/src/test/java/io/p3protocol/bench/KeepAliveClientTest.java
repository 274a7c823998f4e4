package io.p3protocol.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The command load's HTTP client against the JDK's own HTTP server on loopback. */
class KeepAliveClientTest {
    private HttpServer server;
    /** Per request: the client's port (one per connection), the request line's path, the headers and body seen. */
    private final List<String> seen = new CopyOnWriteArrayList<>();

    private record Reply(int status, String body, boolean chunked, boolean close) {
    }

    private volatile Reply reply = new Reply(201, "{\"tenantId\":\"t1\"}", false, false);

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::answer);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        seen.add(exchange.getRemoteAddress().getPort() + " " + exchange.getRequestMethod() + " "
                + exchange.getRequestURI() + " key=" + exchange.getRequestHeaders().getFirst("X-API-Key")
                + " type=" + exchange.getRequestHeaders().getFirst("Content-Type") + " " + body);
        Reply r = reply;
        if (r.close()) {
            exchange.getResponseHeaders().add("Connection", "close");
        }
        byte[] bytes = r.body().getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(r.status(), r.chunked() ? 0 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private KeepAliveClient client(int clients) {
        return new KeepAliveClient("http://127.0.0.1:" + server.getAddress().getPort(), "k3y", Duration.ofSeconds(5), clients);
    }

    private String port(int request) {
        return seen.get(request).split(" ")[0];
    }

    @Test
    void aPostCarriesItsBodyKeyAndTypeAndAnswersStatusAndBody() throws IOException {
        try (KeepAliveClient client = client(1)) {
            KeepAliveClient.Answer answer = client.postJson(0, "/api/tenants", "{\"name\":\"é\"}");

            assertThat(answer).isEqualTo(new KeepAliveClient.Answer(201, "{\"tenantId\":\"t1\"}"));
            assertThat(seen.get(0)).endsWith("POST /api/tenants key=k3y type=application/json {\"name\":\"é\"}");
        }
    }

    @Test
    void aGetWithoutAuthenticationCarriesNoKeyAndNoBody() throws IOException {
        reply = new Reply(200, "{\"version\":\"1\"}", false, false);
        try (KeepAliveClient client = client(1)) {
            KeepAliveClient.Answer answer = client.get(0, "/api/version", false);

            assertThat(answer).isEqualTo(new KeepAliveClient.Answer(200, "{\"version\":\"1\"}"));
            assertThat(seen.get(0)).endsWith("GET /api/version key=null type=null ");
        }
    }

    @Test
    void anAuthenticatedGetCarriesTheKeyOnTheSameConnectionAsAPost() throws IOException {
        try (KeepAliveClient client = client(1)) {
            client.postJson(0, "/api/tenants", "{}");
            client.get(0, "/api/reports", true);

            assertThat(seen.get(1)).endsWith("GET /api/reports key=k3y type=null ");
            assertThat(port(1)).isEqualTo(port(0));
        }
    }

    @Test
    void aChunkedAnswerIsReadWhole() throws IOException {
        reply = new Reply(400, "{\"code\":\"" + "x".repeat(20_000) + "\"}", true, false);
        try (KeepAliveClient client = client(1)) {
            KeepAliveClient.Answer answer = client.postJson(0, "/api/tenants", "{}");

            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.body()).hasSize(20_011);
        }
    }

    @Test
    void eachLoadClientKeepsItsOwnConnectionAlive() throws IOException {
        try (KeepAliveClient client = client(2)) {
            client.postJson(0, "/a", "{}");
            client.postJson(0, "/b", "{}");
            client.postJson(1, "/c", "{}");

            assertThat(port(1)).isEqualTo(port(0));
            assertThat(port(2)).isNotEqualTo(port(0));
        }
    }

    @Test
    void aConnectionTheServerClosesIsReplacedForTheNextRequest() throws IOException {
        reply = new Reply(201, "{}", false, true);
        try (KeepAliveClient client = client(1)) {
            client.postJson(0, "/a", "{}");
            reply = new Reply(201, "{}", false, false);
            KeepAliveClient.Answer second = client.postJson(0, "/b", "{}");

            assertThat(second.status()).isEqualTo(201);
            assertThat(port(1)).isNotEqualTo(port(0));
        }
    }

    @Test
    void onlyLoopbackPlainHttpBaseUrlsAreAccepted() {
        assertThatThrownBy(() -> new KeepAliveClient("http://example.com:8080", null, Duration.ofSeconds(1), 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new KeepAliveClient("https://127.0.0.1:8443", null, Duration.ofSeconds(1), 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
