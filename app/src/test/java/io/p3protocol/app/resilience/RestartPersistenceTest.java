package io.p3protocol.app.resilience;

import com.fasterxml.jackson.databind.JsonNode;
import io.p3protocol.app.support.TestApi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The embedded default keeps everything under P3_DATA_DIR: a service stopped and started again on the same
 * directory (its embedded PostgreSQL stops and starts with it) still has its events, read models and keys.
 * Runs the whole app twice with no P3_ADMIN_KEY, so the admin key is generated into the data dir.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(OutputCaptureExtension.class)
class RestartPersistenceTest {
    private Path adminKeyFile;
    private String adminKeyBeforeRestart;
    private String logOfFirstStart;
    private String tenantId;
    private String keyId;
    private String tenantApiKey;
    private List<String> eventIdsBeforeRestart;
    private AppNode restarted;

    @BeforeAll
    void runOnceThenRestart(@TempDir Path dataDir, CapturedOutput output) throws IOException {
        String[] properties = {"p3.data-dir=" + dataDir, "p3.admin-key="};
        try (AppNode first = AppNode.start(properties)) {
            logOfFirstStart = output.getAll();
            adminKeyFile = dataDir.toAbsolutePath().resolve("admin.key");
            adminKeyBeforeRestart = Files.readString(adminKeyFile, StandardCharsets.UTF_8).trim();
            TestApi api = first.api();

            TestApi.Response created = api.post("/api/tenants", adminKeyBeforeRestart, Map.of("name", "survivor"));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            tenantId = created.json().get("tenantId").asText();
            TestApi.Response issued = api.post("/api/tenants/" + tenantId + "/api-keys", adminKeyBeforeRestart,
                    Map.of("roles", List.of("admin")));
            assertThat(issued.status()).as(issued.body()).isEqualTo(201);
            JsonNode key = issued.json();
            keyId = key.get("keyId").asText();
            tenantApiKey = key.get("apiKey").asText();

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(tenantViewNames(first)).containsExactly("survivor");
                assertThat(apiKeyViewStatuses(first)).containsExactly("ACTIVE");
            });
            eventIdsBeforeRestart = eventIds(first);
        }
        restarted = AppNode.start(properties);
    }

    @AfterAll
    void stop() {
        if (restarted != null) {
            restarted.close();
        }
    }

    @Test
    void theAdminKeyIsGeneratedIntoTheDataDirWithMode0600AndOnlyItsPathIsLogged() throws IOException {
        assertThat(Files.getPosixFilePermissions(adminKeyFile))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        assertThat(adminKeyBeforeRestart).isNotBlank();
        assertThat(logOfFirstStart).contains(adminKeyFile.toString()).doesNotContain(adminKeyBeforeRestart);
    }

    @Test
    void theEventsAreStillInTheEventStore() {
        assertThat(eventIdsBeforeRestart).hasSizeGreaterThanOrEqualTo(2); // at least TenantCreated, ApiKeyIssued
        // In global order, so later tests' events (another key for this tenant) can only follow them.
        assertThat(eventIds(restarted)).startsWith(eventIdsBeforeRestart.toArray(String[]::new));
    }

    @Test
    void theReadModelsStillHoldTheTenantAndTheKey() {
        assertThat(tenantViewNames(restarted)).containsExactly("survivor");
        assertThat(apiKeyViewStatuses(restarted)).containsExactly("ACTIVE");
    }

    @Test
    void theIssuedApiKeyStillAuthenticates() {
        // Issuing another key leaves the tenant's name and the first key's status, which other tests check.
        TestApi.Response issued = restarted.api().post("/api/tenants/" + tenantId + "/api-keys", tenantApiKey,
                Map.of("roles", List.of("viewer")));
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
    }

    @Test
    void theAdminKeyFromTheFileStillWorksAndIsTheSameKey() throws IOException {
        assertThat(Files.readString(adminKeyFile, StandardCharsets.UTF_8).trim()).isEqualTo(adminKeyBeforeRestart);
        TestApi.Response created = restarted.api().post("/api/tenants", adminKeyBeforeRestart,
                Map.of("name", "after restart"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
    }

    private List<String> eventIds(AppNode node) {
        return node.jdbc().queryForList("""
                SELECT eventidentifier FROM domainevententry WHERE aggregateidentifier IN (?, ?)
                ORDER BY globalindex""", String.class, tenantId, keyId);
    }

    private List<String> tenantViewNames(AppNode node) {
        return node.jdbc().queryForList("SELECT name FROM tenant_view WHERE tenant_id = ?", String.class, tenantId);
    }

    private List<String> apiKeyViewStatuses(AppNode node) {
        return node.jdbc().queryForList("SELECT status FROM api_key_view WHERE key_id = ? AND tenant_id = ?",
                String.class, keyId, tenantId);
    }
}
