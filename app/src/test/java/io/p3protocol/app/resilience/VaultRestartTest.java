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
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Unlike the original (a random master key per process), vault secrets survive a restart: with no P3_MASTER_KEY
 * the master passphrase is generated once into P3_DATA_DIR/master.key and read from there on the next start.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(OutputCaptureExtension.class)
class VaultRestartTest {
    private static final String VALUE = "survives-" + UUID.randomUUID();

    private Path masterKeyFile;
    private String passphraseBeforeRestart;
    private String logOfFirstStart;
    private String tenantKey;
    private AppNode restarted;

    @BeforeAll
    void storeThenRestart(@TempDir Path dataDir, CapturedOutput output) throws IOException {
        String[] properties = {"p3.data-dir=" + dataDir, "p3.admin-key=" + TestApi.ADMIN_KEY, "p3.master-key="};
        try (AppNode first = AppNode.start(properties)) {
            logOfFirstStart = output.getAll();
            masterKeyFile = dataDir.toAbsolutePath().resolve("master.key");
            passphraseBeforeRestart = Files.readString(masterKeyFile, StandardCharsets.UTF_8).strip();
            TestApi api = first.api();
            JsonNode admin = api.issueKey(api.createTenant("vault-survivor"), "admin");
            tenantKey = admin.get("apiKey").asText();
            TestApi.Response stored = api.post("/api/vault/secrets", tenantKey, Map.of("name", "kept", "value", VALUE));
            assertThat(stored.status()).as(stored.body()).isEqualTo(201);
            assertThat(api.post("/api/vault/secrets/kept/rotate", tenantKey, Map.of("value", VALUE + "-2")).status())
                    .isEqualTo(200);
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
    void theSecretIsRevealableAfterTheRestart() {
        TestApi.Response revealed = restarted.api().post("/api/vault/secrets/kept/reveal", tenantKey, Map.of());
        assertThat(revealed.status()).as(revealed.body()).isEqualTo(200);
        assertThat(revealed.json().get("value").asText()).isEqualTo(VALUE + "-2");
        assertThat(revealed.json().get("version").asInt()).isEqualTo(2);
    }

    @Test
    void theRetiredVersionIsStillRetiredAfterTheRestart() {
        TestApi.Response retired = restarted.api().post("/api/vault/secrets/kept/reveal", tenantKey,
                Map.of("version", 1));
        assertThat(retired.status()).isEqualTo(410);
    }

    @Test
    void theMasterPassphraseFileIsMode0600AndOnlyItsPathIsLogged() throws IOException {
        assertThat(Files.getPosixFilePermissions(masterKeyFile))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        assertThat(Files.readString(masterKeyFile, StandardCharsets.UTF_8).strip()).isEqualTo(passphraseBeforeRestart);
        assertThat(logOfFirstStart).contains(masterKeyFile.toString()).contains("No P3_MASTER_KEY set")
                .doesNotContain(passphraseBeforeRestart);
    }

    @Test
    void aWrongMasterPassphraseStopsTheStartInsteadOfServingUndecryptableSecrets() {
        Path dataDir = masterKeyFile.getParent();
        // A second node cannot start the embedded database of a running one: join it as an external database.
        String url = restarted.jdbc().queryForObject("SELECT 'jdbc:postgresql://127.0.0.1:' || inet_server_port() "
                + "|| '/postgres'", String.class);
        String[] args = {"p3.db.url=" + url, "spring.datasource.url=" + url, "spring.datasource.username=postgres",
                "spring.datasource.password=", "p3.admin-key=" + TestApi.ADMIN_KEY,
                "p3.data-dir=" + dataDir.resolveSibling(dataDir.getFileName() + "-wrong"),
                "p3.master-key=wrong-passphrase-" + UUID.randomUUID()};
        Throwable failure = null;
        try (AppNode ignored = AppNode.start(args)) {
            // started: the assertion below fails
        } catch (RuntimeException e) {
            failure = e;
        }
        assertThat(failure).as("start with a wrong P3_MASTER_KEY").isNotNull();
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        assertThat(root).hasMessageContaining("opens none of the live master key generations");
    }
}
