package io.p3protocol.app.vault;

import com.fasterxml.jackson.databind.JsonNode;
import io.p3protocol.app.support.TestApi;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.HashMap;
import java.util.Map;

/** Vault routes over real HTTP, for the vault integration tests. */
final class VaultApi {
    private final TestApi api;

    VaultApi(TestApi api) {
        this.api = api;
    }

    /** A new tenant and an admin key of it: {tenantId, keyId, apiKey}. */
    JsonNode tenantWithAdminKey(String name) {
        return api.issueKey(api.createTenant(name), "admin");
    }

    TestApi.Response store(String key, String name, String value) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        if (value != null) {
            body.put("value", value);
        }
        return api.post("/api/vault/secrets", key, body);
    }

    TestApi.Response rotate(String key, String name, Map<String, Object> body) {
        return api.post("/api/vault/secrets/" + name + "/rotate", key, body);
    }

    TestApi.Response reveal(String key, String name, Integer version) {
        return api.post("/api/vault/secrets/" + name + "/reveal", key,
                version == null ? Map.of() : Map.of("version", version));
    }

    TestApi.Response destroy(String key, String name) {
        return api.send(HttpRequest.newBuilder(URI.create(api.base() + "/api/vault/secrets/" + name)).DELETE(), key);
    }

    TestApi.Response turn(String key, Map<String, Object> body) {
        return api.post("/api/vault/turn-credentials", key, body);
    }

    /** Stores and fails the test unless 201. */
    void mustStore(String key, String name, String value) {
        TestApi.Response r = store(key, name, value);
        if (r.status() != 201) {
            throw new AssertionError("store failed: " + r);
        }
    }

    /** The revealed value; fails the test unless 200. */
    String mustReveal(String key, String name) {
        TestApi.Response r = reveal(key, name, null);
        if (r.status() != 200) {
            throw new AssertionError("reveal failed: " + r);
        }
        return r.json().get("value").asText();
    }
}
