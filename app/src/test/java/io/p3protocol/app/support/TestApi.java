package io.p3protocol.app.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * A small real-HTTP client for integration tests: it goes through Tomcat, the filters and the JSON converters
 * exactly as a user's request would.
 */
public final class TestApi {
    public static final String ADMIN_KEY = "p3-test-platform-admin-key";
    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    public TestApi(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    public record Response(int status, String contentType, String body, Map<String, java.util.List<String>> headers) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    public Response get(String path, String apiKey) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), apiKey);
    }

    public Response get(String path, String apiKey, String accept) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET().header("Accept", accept), apiKey);
    }

    public Response post(String path, String apiKey, Object body) {
        String text = body == null ? "" : body instanceof String s ? s : write(body);
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(text)), apiKey);
    }

    public Response send(HttpRequest.Builder request, String apiKey) {
        if (apiKey != null) {
            request.header("X-API-Key", apiKey);
        }
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body(), response.headers().map());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Creates a tenant as the platform admin and returns its id. */
    public String createTenant(String name) {
        Response r = post("/api/tenants", ADMIN_KEY, Map.of("name", name));
        if (r.status() != 201) {
            throw new AssertionError("tenant creation failed: " + r);
        }
        return r.json().get("tenantId").asText();
    }

    /** Issues a key (as the platform admin) and returns the whole 201 body: keyId, apiKey, tenantId, roles… */
    public JsonNode issueKey(String tenantId, String... roles) {
        Response r = post("/api/tenants/" + tenantId + "/api-keys", ADMIN_KEY, Map.of("roles", roles));
        if (r.status() != 201) {
            throw new AssertionError("key issue failed: " + r);
        }
        return r.json();
    }

    public String base() {
        return base;
    }

    private static String write(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
