package io.p3protocol.app.isolation;

import com.fasterxml.jackson.databind.JsonNode;
import io.p3protocol.app.support.Await;
import io.p3protocol.app.support.IntegrationTest;
import io.p3protocol.app.support.TestApi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tenant A's admin key tries to read or change tenant B's data through every surface: REST commands, GraphQL,
 * the audit export and the reports. Every attempt must fail or come back without a trace of B, and B must be
 * unchanged afterwards.
 */
@IntegrationTest
class TenantIsolationMatrixTest {
    @LocalServerPort
    int port;
    TestApi api;

    String tenantA;
    String keyA;
    String tenantB;
    String keyB;
    String keyIdB;

    @BeforeEach
    void twoTenants() {
        api = new TestApi(port);
        tenantA = api.createTenant("isolation-A");
        keyA = api.issueKey(tenantA, "admin").get("apiKey").asText();
        tenantB = api.createTenant("isolation-B-secret-name");
        JsonNode issuedB = api.issueKey(tenantB, "admin");
        keyB = issuedB.get("apiKey").asText();
        keyIdB = issuedB.get("keyId").asText();
        // Read models and the audit chain are eventually consistent: wait until B is visible to the platform admin,
        // so that "A cannot see B" is never passed vacuously because B was not projected yet.
        Await.until(Duration.ofSeconds(30), "both tenants and B's key in the read models and the audit chain", () ->
                visibleToAdmin("{ tenant(id: \"" + tenantA + "\") { id } }", tenantA)
                        && visibleToAdmin("{ apiKeys(tenantId: \"" + tenantB + "\") { edges { node { id } } } }", keyIdB)
                        && api.get("/api/audit/events?tenantId=" + tenantB, TestApi.ADMIN_KEY).body().contains(keyIdB)
                        && api.get("/api/audit/events?tenantId=" + tenantA, TestApi.ADMIN_KEY).body().contains(tenantA));
    }

    private boolean visibleToAdmin(String query, String expected) {
        TestApi.Response r = api.post("/graphql", TestApi.ADMIN_KEY, Map.of("query", query));
        return r.status() == 200 && r.body().contains(expected);
    }

    // --- REST commands ---

    @Test
    void restCannotIssueAKeyForAnotherTenant() {
        assertNotFound(api.post("/api/tenants/" + tenantB + "/api-keys", keyA, Map.of("roles", List.of("admin"))));
    }

    @Test
    void restCannotRenameAnotherTenant() {
        assertNotFound(api.post("/api/tenants/" + tenantB + "/rename", keyA, Map.of("name", "hijacked")));
    }

    @Test
    void restCannotRevokeAnotherTenantsKey() {
        assertNotFound(api.post("/api/api-keys/" + keyIdB + "/revoke", keyA, null));
        assertThat(api.post("/api/tenants/" + tenantB + "/rename", keyB, Map.of("name", "still-mine")).status())
                .as("B's key still works").isEqualTo(200);
    }

    @Test
    void restCannotSuspendAnyTenant() {
        TestApi.Response r = api.post("/api/tenants/" + tenantB + "/suspend", keyA, null);
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.json().get("code").asText()).isEqualTo("forbidden");
    }

    @Test
    void restCannotCreateTenants() {
        assertThat(api.post("/api/tenants", keyA, Map.of("name", "rogue")).status()).isEqualTo(403);
    }

    @Test
    void restCannotSetAnyTenantsPolicy() {
        TestApi.Response r = api.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(api.base() + "/api/tenants/" + tenantB + "/policy"))
                .header("Content-Type", "application/json")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"sandbox\":true}")), keyA);
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.json().get("code").asText()).isEqualTo("forbidden");
    }

    // --- GraphQL ---

    @Test
    void graphqlTenantByIdOfAnotherTenantIsNull() {
        JsonNode body = graphql("{ tenant(id: \"" + tenantB + "\") { id name } }");
        assertThat(body.path("data").path("tenant").isNull()).isTrue();
    }

    @Test
    void graphqlPolicyOfAnotherTenantIsUnreachable() {
        JsonNode body = graphql("{ tenant(id: \"" + tenantB + "\") { id policy { sandbox } } }");
        assertThat(body.path("data").path("tenant").isNull()).isTrue();
    }

    @Test
    void graphqlTenantListShowsOnlyTheKeysOwnTenant() {
        JsonNode edges = graphql("{ tenants(first: 100) { edges { node { id } } } }")
                .path("data").path("tenants").path("edges");
        assertThat(edges).hasSize(1);
        assertThat(edges.get(0).path("node").path("id").asText()).isEqualTo(tenantA);
    }

    @Test
    void graphqlApiKeysOfAnotherTenantAreNotFound() {
        JsonNode body = graphql("{ apiKeys(tenantId: \"" + tenantB + "\") { edges { node { id } } } }");
        assertThat(body.path("errors")).isNotEmpty();
        assertThat(body.toString()).doesNotContain(keyIdB);
    }

    @Test
    void graphqlApiKeyListShowsOnlyOwnKeys() {
        JsonNode body = graphql("{ apiKeys(first: 100) { edges { node { id tenantId } } } }");
        for (JsonNode edge : body.path("data").path("apiKeys").path("edges")) {
            assertThat(edge.path("node").path("tenantId").asText()).isEqualTo(tenantA);
        }
    }

    // --- audit export ---

    @Test
    void exportNamingAnotherTenantIsNotFound() {
        assertNotFound(api.get("/api/audit/events?tenantId=" + tenantB, keyA));
    }

    @Test
    void exportWithoutFilterHoldsOnlyOwnTenantsRecords() {
        TestApi.Response r = api.get("/api/audit/events", keyA);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).doesNotContain(tenantB).doesNotContain("isolation-B-secret-name");
        for (String line : r.body().split("\n")) {
            if (!line.isBlank()) {
                assertThat(line).contains("\"tenantId\":\"" + tenantA + "\"");
            }
        }
    }

    // --- reports ---

    @Test
    void reportForAnotherTenantIsNotFound() {
        assertNotFound(api.get("/api/reports/tenant-access?tenantId=" + tenantB, keyA));
    }

    @Test
    void sandboxReportForAnotherTenantIsNotFound() {
        assertNotFound(api.get("/api/reports/sandbox-violations?tenantId=" + tenantB, keyA));
    }

    @Test
    void reportWithoutFilterCoversOnlyOwnTenant() {
        TestApi.Response r = api.get("/api/reports/tenant-access", keyA);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).contains(tenantA).doesNotContain(tenantB).doesNotContain("isolation-B-secret-name");
    }

    @Test
    void ruleAndIntegrityReportsForAnotherTenantAreNotFound() {
        assertNotFound(api.get("/api/reports/rule-executions?tenantId=" + tenantB, keyA));
        assertNotFound(api.get("/api/reports/audit-integrity?tenantId=" + tenantB, keyA));
    }

    @Test
    void csvAndIntegrityReportsCoverOnlyOwnTenant() {
        TestApi.Response csv = api.get("/api/reports/tenant-access", keyA, "text/csv");
        TestApi.Response integrity = api.get("/api/reports/audit-integrity", keyA);
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.body()).contains(tenantA).doesNotContain(tenantB);
        assertThat(integrity.status()).isEqualTo(200);
        assertThat(integrity.body()).doesNotContain(tenantB);
    }

    @Test
    void htmlReportCoversOnlyOwnTenant() {
        TestApi.Response r = api.get("/api/reports/tenant-access", keyA, "text/html");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).contains(tenantA).doesNotContain(tenantB);
    }

    private JsonNode graphql(String query) {
        TestApi.Response r = api.post("/graphql", keyA, Map.of("query", query));
        assertThat(r.status()).isEqualTo(200);
        return r.json();
    }

    private static void assertNotFound(TestApi.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(404);
        assertThat(r.contentType()).startsWith("application/problem+json");
    }
}
