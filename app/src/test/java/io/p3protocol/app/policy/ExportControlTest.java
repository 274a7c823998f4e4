package io.p3protocol.app.policy;

import io.p3protocol.app.support.Await;
import io.p3protocol.app.support.IntegrationTest;
import io.p3protocol.app.support.TestApi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class ExportControlTest {
    @LocalServerPort
    int port;
    TestApi api;
    PolicyApi policies;

    @BeforeEach
    void setUp() {
        api = new TestApi(port);
        policies = new PolicyApi(api);
    }

    @Test
    void withExportNotAllowedTheTenantKeyGets403ExportNotAllowed() {
        String tenant = api.createTenant("export-denied");
        String key = api.issueKey(tenant, "admin").get("apiKey").asText();
        policies.setPolicy(tenant, Map.of("sandbox", false, "exportAllowed", false));

        TestApi.Response export = api.get("/api/audit/events", key);

        assertThat(export.status()).as(export.body()).isEqualTo(403);
        assertThat(export.contentType()).startsWith("application/problem+json");
        assertThat(export.json().get("code").asText()).isEqualTo("export_not_allowed");
    }

    @Test
    void thePlatformAdminStillExportsATenantWhoseExportIsNotAllowed() {
        String tenant = api.createTenant("export-denied-admin");
        policies.setPolicy(tenant, Map.of("sandbox", false, "exportAllowed", false));

        // the export lists sealed events: wait for the tenant's first one to be sealed
        TestApi.Response export = Await.until(Duration.ofSeconds(20), "the tenant's events in the export",
                () -> api.get("/api/audit/events?tenantId=" + tenant, TestApi.ADMIN_KEY),
                r -> r.status() != 200 || r.body().contains(tenant));

        assertThat(export.status()).as(export.body()).isEqualTo(200);
        assertThat(export.body()).contains(tenant);
    }

    @Test
    void allowingExportAgainTakesEffectAtOnce() {
        String tenant = api.createTenant("export-allowed-again");
        String key = api.issueKey(tenant, "admin").get("apiKey").asText();
        policies.setPolicy(tenant, Map.of("sandbox", false, "exportAllowed", false));
        assertThat(api.get("/api/audit/events", key).status()).isEqualTo(403);

        policies.setPolicy(tenant, Map.of("sandbox", false, "exportAllowed", true));
        TestApi.Response export = Await.until(Duration.ofSeconds(20), "the tenant's events in the export",
                () -> api.get("/api/audit/events", key), r -> r.status() != 200 || r.body().contains(tenant));

        assertThat(export.status()).as(export.body()).isEqualTo(200);
        assertThat(export.body()).contains(tenant);
    }
}
