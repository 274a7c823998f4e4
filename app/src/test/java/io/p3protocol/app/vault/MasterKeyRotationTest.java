package io.p3protocol.app.vault;

import com.fasterxml.jackson.databind.JsonNode;
import io.p3protocol.app.support.IntegrationTest;
import io.p3protocol.app.support.TestApi;
import io.p3protocol.command.vault.keys.MasterKeySource;
import io.p3protocol.kernel.vault.SecretValues;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Online master-key rotation: the data keys get wraps under a new generation, no secret is re-encrypted, every
 * secret stays revealable throughout (readers run while it happens), and retiring the old generation deletes its
 * wraps without making anything unavailable.
 */
@IntegrationTest
class MasterKeyRotationTest {
    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MasterKeySource source;
    @Autowired
    SecretValues secretValues;

    @Test
    void rotatingThenRetiringKeepsEverySecretRevealableAndReEncryptsNothing() throws Exception {
        TestApi api = new TestApi(port);
        VaultApi vault = new VaultApi(api);
        Map<String, String> keyByTenant = new HashMap<>();
        Map<String, String> valueByTenant = new HashMap<>();
        for (int i = 0; i < 3; i++) {
            JsonNode admin = vault.tenantWithAdminKey("master-rotation-" + i);
            String value = "mk-" + UUID.randomUUID();
            vault.mustStore(admin.get("apiKey").asText(), "kept", value);
            keyByTenant.put(admin.get("tenantId").asText(), admin.get("apiKey").asText());
            valueByTenant.put(admin.get("tenantId").asText(), value);
        }
        String versionKeysBefore = versionKeysDigest();
        String fileBefore = source.configured() ? null : Files.readString(source.file());
        int before = api.get("/api/vault/master-key", TestApi.ADMIN_KEY).json().get("nodeGeneration").asInt();

        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger reads = new AtomicInteger();
        Thread readers = new Thread(() -> {
            while (running.get()) {
                keyByTenant.forEach((tenant, key) -> {
                    TestApi.Response r = vault.reveal(key, "kept", null);
                    if (r.status() != 200 || !r.json().get("value").asText().equals(valueByTenant.get(tenant))) {
                        failures.add(r.status() + " " + r.body());
                    }
                    reads.incrementAndGet();
                });
            }
        });
        readers.start();
        try {
            TestApi.Response rotated = api.post("/api/vault/master-key/rotate", TestApi.ADMIN_KEY, rotateBody());
            assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
            assertThat(rotated.json().get("generation").asInt()).isEqualTo(before + 1);
            assertThat(rotated.json().get("dataKeysWrapped").asInt()).isGreaterThanOrEqualTo(3);

            for (String tenant : keyByTenant.keySet()) {
                assertThat(wraps(tenant)).containsExactly(before, before + 1);
            }
            TestApi.Response retired = api.post("/api/vault/master-key/retire-previous", TestApi.ADMIN_KEY, null);
            assertThat(retired.status()).as(retired.body()).isEqualTo(200);
            assertThat(retired.json().get("retiredGenerations").toString()).contains(Integer.toString(before));
            int reached = reads.get();
            while (reads.get() < reached + 6) {
                Thread.sleep(20); // readers went on after the retirement too
            }
        } finally {
            running.set(false);
            readers.join();
        }
        assertThat(failures).as("reveals that failed during rotation").isEmpty();

        for (Map.Entry<String, String> tenant : keyByTenant.entrySet()) {
            assertThat(vault.mustReveal(tenant.getValue(), "kept")).isEqualTo(valueByTenant.get(tenant.getKey()));
            assertThat(wraps(tenant.getKey())).containsExactly(before + 1);
            assertThat(new String(secretValues.currentOrGenerate(tenant.getKey(), "kept").value(),
                    StandardCharsets.UTF_8)).isEqualTo(valueByTenant.get(tenant.getKey()));
        }
        assertThat(versionKeysDigest()).as("no version key (and so no value) was re-encrypted")
                .isEqualTo(versionKeysBefore);
        assertThat(jdbc.queryForObject("SELECT retired_at IS NOT NULL FROM vault_master_key WHERE generation = ?",
                Boolean.class, before)).isTrue();
        if (fileBefore != null) {
            assertThat(Files.readString(source.file())).isNotEqualTo(fileBefore);
            assertThat(Files.getPosixFilePermissions(source.file()))
                    .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        }
    }

    @Test
    void aSecretStoredAfterARotationIsRevealable() {
        TestApi api = new TestApi(port);
        VaultApi vault = new VaultApi(api);
        assertThat(api.post("/api/vault/master-key/rotate", TestApi.ADMIN_KEY, rotateBody()).status()).isEqualTo(200);
        String key = vault.tenantWithAdminKey("after-master-rotation").get("apiKey").asText();
        vault.mustStore(key, "fresh", "fresh-value");
        assertThat(api.post("/api/vault/master-key/retire-previous", TestApi.ADMIN_KEY, null).status()).isEqualTo(200);
        assertThat(vault.mustReveal(key, "fresh")).isEqualTo("fresh-value");
    }

    @Test
    void onlyThePlatformAdminMayRotateTheMasterKey() {
        TestApi api = new TestApi(port);
        String key = new VaultApi(api).tenantWithAdminKey("not-platform").get("apiKey").asText();
        assertThat(api.post("/api/vault/master-key/rotate", key, null).status()).isEqualTo(403);
        assertThat(api.get("/api/vault/master-key", key).status()).isEqualTo(403);
    }

    @Test
    void inFileModeTheServiceRefusesAGivenPassphrase() {
        TestApi api = new TestApi(port);
        TestApi.Response r = api.post("/api/vault/master-key/rotate", TestApi.ADMIN_KEY,
                Map.of("newMasterKey", source.configured() ? "too-short" : "x".repeat(40)));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("errors").get(0).get("field").asText()).isEqualTo("newMasterKey");
    }

    private Map<String, Object> rotateBody() {
        return source.configured() ? Map.of("newMasterKey", "rotated-" + UUID.randomUUID() + UUID.randomUUID())
                : Map.of();
    }

    private List<Integer> wraps(String tenant) {
        return jdbc.queryForList("""
                SELECT master_generation FROM vault_tenant_key_wrap WHERE tenant_id = ? ORDER BY master_generation""",
                Integer.class, tenant);
    }

    private String versionKeysDigest() {
        return jdbc.queryForObject("""
                SELECT md5(string_agg(tenant_id || name || version || encode(wrapped_key, 'hex'), ','
                ORDER BY tenant_id, name, version)) FROM vault_secret_key""", String.class);
    }
}
