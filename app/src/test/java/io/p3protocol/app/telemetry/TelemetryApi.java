package io.p3protocol.app.telemetry;

import com.fasterxml.jackson.databind.JsonNode;
import io.p3protocol.app.support.TestApi;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Predicate;

/** Telemetry over real HTTP for tests: ingest with a chosen client address and User-Agent, and GraphQL reads. */
final class TelemetryApi {
    private final TestApi api;

    TelemetryApi(TestApi api) {
        this.api = api;
    }

    /** A fresh tenant and an operator key of it: {@code [tenantId, key]}. */
    String[] tenantWithKey(String name) {
        String tenant = api.createTenant(name);
        return new String[]{tenant, api.issueKey(tenant, "operator").get("apiKey").asText()};
    }

    /**
     * Posts {@code body} to {@code /api/telemetry}; {@code forwardedFor} and {@code userAgent} become the
     * {@code X-Forwarded-For} and {@code User-Agent} headers when not null.
     */
    TestApi.Response post(String key, String body, String forwardedFor, String userAgent) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api.base() + "/api/telemetry"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (forwardedFor != null) {
            request.header("X-Forwarded-For", forwardedFor);
        }
        if (userAgent != null) {
            request.header("User-Agent", userAgent);
        }
        return api.send(request, key);
    }

    /** Posts and requires 201; returns the answer. */
    JsonNode ingest(String key, String body, String forwardedFor, String userAgent) {
        TestApi.Response response = post(key, body, forwardedFor, userAgent);
        if (response.status() != 201) {
            throw new AssertionError("telemetry refused: " + response.status() + " " + response.body());
        }
        return response.json();
    }

    JsonNode graphQl(String key, String document, Map<String, Object> variables) {
        TestApi.Response response = api.post("/graphql", key, Map.of("query", document, "variables", variables));
        if (response.status() != 200) {
            throw new AssertionError("GraphQL over HTTP answered " + response.status() + ": " + response.body());
        }
        return response.json();
    }

    /** Re-asks (up to 30 s) until the read models satisfy {@code ready}, since they follow the store asynchronously. */
    JsonNode awaitGraphQl(String key, String document, Map<String, Object> variables, Predicate<JsonNode> ready) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        JsonNode last = graphQl(key, document, variables);
        while (!ready.test(last)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("read model did not catch up; last response: " + last);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            last = graphQl(key, document, variables);
        }
        return last;
    }
}
