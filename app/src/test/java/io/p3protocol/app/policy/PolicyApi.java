package io.p3protocol.app.policy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.p3protocol.app.support.TestApi;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Map;

/** Tenant-policy and transfer calls over real HTTP, for the policy tests. */
final class PolicyApi {
    static final String VALID_ADDRESS = "0x52908400098527886e0f7030069857d2e4169ee7";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TestApi api;

    PolicyApi(TestApi api) {
        this.api = api;
    }

    TestApi.Response putPolicy(String tenantId, String apiKey, Object body) {
        try {
            String text = body instanceof String s ? s : JSON.writeValueAsString(body);
            return api.send(HttpRequest.newBuilder(URI.create(api.base() + "/api/tenants/" + tenantId + "/policy"))
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(text)), apiKey);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Sets a policy as the platform admin; fails unless 200. */
    void setPolicy(String tenantId, Map<String, Object> body) {
        TestApi.Response r = putPolicy(tenantId, TestApi.ADMIN_KEY, body);
        if (r.status() != 200) {
            throw new AssertionError("policy PUT failed: " + r.status() + " " + r.body());
        }
    }

    TestApi.Response transfer(String apiKey, String chain) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("to", VALID_ADDRESS, "amount", "0.5"));
        if (chain != null) {
            body.put("chain", chain);
        }
        return api.post("/api/payments/transfer", apiKey, body);
    }
}
