package io.p3protocol.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The app's HTTP API as the bench uses it. Every request carries {@code X-API-Key}; the base URL is loopback-only. */
final class AppClient {
    static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final String apiKey;
    private final Duration requestTimeout;
    private final HttpClient http;

    AppClient(String baseUrl, String apiKey, Duration requestTimeout) {
        String b = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.base = Loopback.requireLoopback(b);
        this.apiKey = apiKey;
        this.requestTimeout = requestTimeout;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1) // plain HTTP/1.1 keep-alive, no h2c upgrade dance
                .connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(requestTimeout);
        if (apiKey != null && !apiKey.isEmpty()) {
            b.header("X-API-Key", apiKey);
        }
        return b;
    }

    HttpResponse<String> postJson(String path, String json) throws IOException, InterruptedException {
        return http.send(request(path).header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Like {@link #postJson(String, String)} with extra headers (name, value, name, value...). */
    HttpResponse<String> postJson(String path, String json, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = request(path).header("Content-Type", "application/json").header("Accept", "application/json");
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> putJson(String path, String json) throws IOException, InterruptedException {
        return http.send(request(path).header("Content-Type", "application/json").header("Accept", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path) throws IOException, InterruptedException {
        return http.send(request(path).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(request(path).header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A GET for a text answer (e.g. the Prometheus exposition, which has no JSON form). */
    HttpResponse<String> getText(String path) throws IOException, InterruptedException {
        return http.send(request(path).header("Accept", "text/plain").GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<InputStream> getStream(String path, Duration timeout) throws IOException, InterruptedException {
        return http.send(request(path).timeout(timeout).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
    }

    /** {@code POST /api/tenants}: the response (201 {tenantId} expected). */
    HttpResponse<String> createTenant(String name) throws IOException, InterruptedException {
        return postJson("/api/tenants", JSON.createObjectNode().put("name", name).toString());
    }

    /** {@code POST /api/tenants/{id}/api-keys} with roles [viewer]: the response (201 expected). */
    HttpResponse<String> issueViewerKey(String tenantId) throws IOException, InterruptedException {
        return postJson("/api/tenants/" + tenantId + "/api-keys", "{\"roles\":[\"viewer\"]}");
    }

    /** Creates a tenant and returns its id; throws when the app does not answer 201 with a tenantId. */
    String createTenantId(String name) throws IOException, InterruptedException {
        HttpResponse<String> r = createTenant(name);
        if (r.statusCode() != 201) {
            throw new IOException("POST /api/tenants answered " + r.statusCode() + ": " + abbreviate(r.body()));
        }
        JsonNode id = JSON.readTree(r.body()).get("tenantId");
        if (id == null || id.asText().isEmpty()) {
            throw new IOException("POST /api/tenants answered 201 without tenantId: " + abbreviate(r.body()));
        }
        return id.asText();
    }

    /** Throws unless {@code response} has {@code status}, naming {@code what} and the answer. */
    static void expect(HttpResponse<String> response, int status, String what) throws IOException {
        if (response.statusCode() != status) {
            throw new IOException(what + " answered " + response.statusCode() + ": " + abbreviate(response.body()));
        }
    }

    static String abbreviate(String s) {
        if (s == null) {
            return "";
        }
        return s.length() <= 300 ? s : s.substring(0, 300) + "...";
    }
}
