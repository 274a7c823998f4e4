package io.p3protocol.app.plans;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.p3protocol.app.support.TestApi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;

/** Tier, zone, policy, usage and GraphQL calls over real HTTP, for the quota, tier and zone tests. */
final class PlanApi {
    private static final ObjectMapper JSON = new ObjectMapper();

    final TestApi api;

    PlanApi(TestApi api) {
        this.api = api;
    }

    TestApi.Response put(String path, String apiKey, Object body) {
        try {
            return api.send(HttpRequest.newBuilder(URI.create(api.base() + path))
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))), apiKey);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    TestApi.Response putTier(String tenantId, String apiKey, String tier) {
        return put("/api/tenants/" + tenantId + "/tier", apiKey, Map.of("tier", tier));
    }

    TestApi.Response putZone(String tenantId, String apiKey, String provider, String region) {
        return put("/api/tenants/" + tenantId + "/zone", apiKey, Map.of("provider", provider, "region", region));
    }

    TestApi.Response putPolicy(String tenantId, Map<String, Object> policy) {
        return put("/api/tenants/" + tenantId + "/policy", TestApi.ADMIN_KEY, policy);
    }

    /** Issues a key, as the platform admin; {@code quota} null leaves it to the tenant's default. */
    JsonNode issueKey(String tenantId, Long quota, String... roles) {
        Map<String, Object> body = quota == null ? Map.of("roles", List.of(roles))
                : Map.of("roles", List.of(roles), "quotaMonthly", quota);
        TestApi.Response r = api.post("/api/tenants/" + tenantId + "/api-keys", TestApi.ADMIN_KEY, body);
        if (r.status() != 201) {
            throw new AssertionError("key issue failed: " + r.status() + " " + r.body());
        }
        return r.json();
    }

    TestApi.Response graphQl(String apiKey, String document, Map<String, Object> variables) {
        return api.post("/graphql", apiKey, Map.of("query", document, "variables", variables));
    }

    /** Re-asks (up to 30 s) until {@code ready} holds: {@code tenant(id)} reads a view that follows the store. */
    JsonNode graphQlUntil(String apiKey, String document, Map<String, Object> variables,
                          java.util.function.Predicate<JsonNode> ready) {
        return io.p3protocol.app.support.Await.until(java.time.Duration.ofSeconds(30), "GraphQL answer",
                () -> graphQl(apiKey, document, variables).json(), ready);
    }

    TestApi.Response usage(String keyId, String apiKey) {
        return api.get("/api/api-keys/" + keyId + "/usage", apiKey);
    }
}
