package io.p3protocol.app.tenancy;

import io.p3protocol.app.support.IntegrationTest;
import io.p3protocol.app.support.TestApi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class ApiKeyAuthenticationTest {
    @LocalServerPort
    int port;
    TestApi api;

    @BeforeEach
    void setUp() {
        api = new TestApi(port);
    }

    @Test
    void aRequestWithoutAKeyIsRefusedWith401MissingApiKey() {
        TestApi.Response r = api.get("/graphql", null);
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().get("code").asText()).isEqualTo("missing_api_key");
    }

    @Test
    void anUnknownKeyIsRefusedWith403InvalidApiKey() {
        TestApi.Response r = api.post("/api/tenants", "p3k_not-a-real-key", "{\"name\":\"x\"}");
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.json().get("code").asText()).isEqualTo("invalid_api_key");
    }

    @Test
    void aRevokedKeyIsRefusedAtOnceWith403RevokedApiKey() {
        String tenant = api.createTenant("revocation");
        var issued = api.issueKey(tenant, "admin");
        String key = issued.get("apiKey").asText();
        assertThat(api.post("/api/api-keys/" + issued.get("keyId").asText() + "/revoke", key, null).status())
                .isEqualTo(200);

        TestApi.Response r = api.post("/api/tenants/" + tenant + "/rename", key, "{\"name\":\"y\"}");
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.json().get("code").asText()).isEqualTo("revoked_api_key");
    }

    @Test
    void revokingTwiceIsAConflict() {
        String tenant = api.createTenant("double-revoke");
        String keyId = api.issueKey(tenant, "viewer").get("keyId").asText();
        assertThat(api.post("/api/api-keys/" + keyId + "/revoke", TestApi.ADMIN_KEY, null).status()).isEqualTo(200);

        TestApi.Response second = api.post("/api/api-keys/" + keyId + "/revoke", TestApi.ADMIN_KEY, null);
        assertThat(second.status()).isEqualTo(409);
        assertThat(second.json().get("code").asText()).isEqualTo("api_key_already_revoked");
    }

    @Test
    void aRoleTooLowIsRefusedWith403Forbidden() {
        String tenant = api.createTenant("viewer-only");
        String viewerKey = api.issueKey(tenant, "viewer").get("apiKey").asText();

        TestApi.Response r = api.post("/api/tenants/" + tenant + "/api-keys", viewerKey, "{\"roles\":[\"admin\"]}");
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.json().get("code").asText()).isEqualTo("forbidden");
    }

    @Test
    void versionAndHealthNeedNoKey() {
        TestApi.Response version = api.get("/api/version", null);
        assertThat(version.status()).isEqualTo(200);
        assertThat(version.header("Cache-Control")).contains("no-store");
        assertThat(version.json().has("serverTime")).isTrue();
        assertThat(api.get("/actuator/health", null).status()).isEqualTo(200);
    }
}
