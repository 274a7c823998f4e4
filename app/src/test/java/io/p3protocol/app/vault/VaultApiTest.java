package io.p3protocol.app.vault;

import com.fasterxml.jackson.databind.JsonNode;
import io.p3protocol.app.support.Await;
import io.p3protocol.app.support.IntegrationTest;
import io.p3protocol.app.support.TestApi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The vault's REST contract, through real HTTP on real PostgreSQL. */
@IntegrationTest
class VaultApiTest {
    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    TestApi api;
    VaultApi vault;
    String tenant;
    String key;

    @BeforeEach
    void setUp() {
        api = new TestApi(port);
        vault = new VaultApi(api);
        JsonNode admin = vault.tenantWithAdminKey("vault-api");
        tenant = admin.get("tenantId").asText();
        key = admin.get("apiKey").asText();
    }

    @Test
    void storingAnswers201WithTheFirstVersionAnd90DayExpiryButNoValue() {
        TestApi.Response stored = vault.store(key, "db-password", "s3cr3t-" + UUID.randomUUID());
        assertThat(stored.status()).as(stored.body()).isEqualTo(201);
        assertThat(stored.json().get("version").asInt()).isEqualTo(1);
        assertThat(stored.json().has("value")).isFalse();
        assertThat(Instant.parse(stored.json().get("expiresAt").asText()))
                .isCloseTo(Instant.now().plus(Duration.ofDays(90)), within(Duration.ofMinutes(1)));
        assertThat(stored.header("Location")).isEqualTo("/api/vault/secrets/db-password");
    }

    @Test
    void revealAnswersTheStoredValueWithNoStore() {
        String value = "v-" + UUID.randomUUID();
        vault.mustStore(key, "api-token", value);
        TestApi.Response revealed = vault.reveal(key, "api-token", null);
        assertThat(revealed.status()).isEqualTo(200);
        assertThat(revealed.json().get("value").asText()).isEqualTo(value);
        assertThat(revealed.json().get("version").asInt()).isEqualTo(1);
        assertThat(revealed.header("Cache-Control")).contains("no-store");
    }

    @Test
    void rotatingAnswersTheNewVersionWithoutItsValueAndRevealThenShowsTheNewValue() {
        vault.mustStore(key, "api-token", "old-" + UUID.randomUUID());
        String next = "new-" + UUID.randomUUID();
        TestApi.Response rotated = vault.rotate(key, "api-token", Map.of("value", next));
        assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
        assertThat(rotated.json().get("version").asInt()).isEqualTo(2);
        assertThat(rotated.json().has("value")).isFalse();
        assertThat(rotated.json().has("expiresAt")).isTrue();
        assertThat(vault.mustReveal(key, "api-token")).isEqualTo(next);
    }

    @Test
    void rotatingWithRevealAnswersTheGeneratedValue() {
        vault.mustStore(key, "JWT_SECRET", null);
        TestApi.Response rotated = vault.rotate(key, "JWT_SECRET", Map.of("reveal", true));
        assertThat(rotated.status()).isEqualTo(200);
        String value = rotated.json().get("value").asText();
        assertThat(value).matches("[0-9a-f]{128}");
        assertThat(vault.mustReveal(key, "JWT_SECRET")).isEqualTo(value);
    }

    @Test
    void revealingTheRetiredVersionIs410() {
        vault.mustStore(key, "api-token", "old-" + UUID.randomUUID());
        assertThat(vault.rotate(key, "api-token", null).status()).isEqualTo(200);
        TestApi.Response retired = vault.reveal(key, "api-token", 1);
        assertThat(retired.status()).isEqualTo(410);
        assertThat(retired.contentType()).startsWith("application/problem+json");
        assertThat(retired.json().get("code").asText()).isEqualTo("secret_version_retired");
    }

    @Test
    void aManagedKindStoredWithoutAValueIsGeneratedInItsFormat() {
        TestApi.Response stored = vault.store(key, "TURN_USERNAME", null);
        assertThat(stored.json().get("generated").asBoolean()).isTrue();
        assertThat(stored.json().get("managed").asBoolean()).isTrue();
        assertThat(vault.mustReveal(key, "TURN_USERNAME")).matches("turn_[0-9a-f]{32}");
    }

    @Test
    void storingAnExistingSecretAgainIs409() {
        vault.mustStore(key, "api-token", "a");
        TestApi.Response again = vault.store(key, "api-token", "b");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("code").asText()).isEqualTo("secret_exists");
    }

    @Test
    void destroyThenRevealFailsAndTheSecretsKeysAreGone() {
        vault.mustStore(key, "doomed", "d-" + UUID.randomUUID());
        assertThat(vault.rotate(key, "doomed", null).status()).isEqualTo(200);
        TestApi.Response destroyed = vault.destroy(key, "doomed");
        assertThat(destroyed.status()).as(destroyed.body()).isEqualTo(200);
        assertThat(destroyed.json().get("lastVersion").asInt()).isEqualTo(2);

        TestApi.Response reveal = vault.reveal(key, "doomed", null);
        assertThat(reveal.status()).isEqualTo(410);
        assertThat(reveal.json().get("code").asText()).isEqualTo("secret_destroyed");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM vault_secret_key WHERE tenant_id = ? AND name = ?",
                Integer.class, tenant, "doomed")).isZero();
        // The events, and so the ciphertext, stay: append-only.
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ?",
                Integer.class, tenant + "/doomed")).isEqualTo(3);
    }

    @Test
    void aSecretCanBeStoredAgainAfterADestroyWithANewVersion() {
        vault.mustStore(key, "phoenix", "first");
        assertThat(vault.destroy(key, "phoenix").status()).isEqualTo(200);
        TestApi.Response again = vault.store(key, "phoenix", "second");
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.json().get("version").asInt()).isEqualTo(2);
        assertThat(vault.mustReveal(key, "phoenix")).isEqualTo("second");
    }

    @Test
    void anUnknownSecretIs404() {
        TestApi.Response r = vault.reveal(key, "never-stored", null);
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json().get("code").asText()).isEqualTo("secret_not_found");
    }

    @Test
    void anotherTenantsSecretIsNotFound() {
        vault.mustStore(key, "tenant-a-only", "a-" + UUID.randomUUID());
        String otherKey = vault.tenantWithAdminKey("vault-other").get("apiKey").asText();
        assertThat(vault.reveal(otherKey, "tenant-a-only", null).status()).isEqualTo(404);
        assertThat(vault.rotate(otherKey, "tenant-a-only", null).status()).isEqualTo(404);
        assertThat(vault.destroy(otherKey, "tenant-a-only").status()).isEqualTo(404);
        assertThat(vault.mustReveal(key, "tenant-a-only")).startsWith("a-");
    }

    @Test
    void aViewerKeyCannotReveal() {
        vault.mustStore(key, "api-token", "x");
        String viewer = api.issueKey(tenant, "viewer").get("apiKey").asText();
        TestApi.Response r = vault.reveal(viewer, "api-token", null);
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.json().get("code").asText()).isEqualTo("forbidden");
    }

    @Test
    void thePlatformAdminHasNoTenantAndIsRefused() {
        assertThat(vault.store(TestApi.ADMIN_KEY, "api-token", "x").status()).isEqualTo(403);
    }

    @Test
    void anInvalidNameIs400() {
        TestApi.Response r = vault.store(key, "bad name!", "x");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("code").asText()).isEqualTo("validation_failed");
    }

    /** Reveals and TURN issues grow a secret's stream: it is snapshotted, and loads from the snapshot. */
    @Test
    void aMuchRevealedSecretIsSnapshottedAndStillWorks() {
        String value = "snap-" + UUID.randomUUID();
        vault.mustStore(key, "busy", value);
        for (int i = 0; i < 55; i++) {
            vault.mustReveal(key, "busy");
        }
        Await.until(Duration.ofSeconds(20), "snapshot of the busy secret", () -> jdbc.queryForObject(
                "SELECT count(*) FROM snapshotevententry WHERE aggregateidentifier = ?", Integer.class,
                tenant + "/busy") > 0);
        assertThat(vault.mustReveal(key, "busy")).isEqualTo(value);
        assertThat(vault.rotate(key, "busy", Map.of("value", value + "-2")).status()).isEqualTo(200);
        assertThat(vault.reveal(key, "busy", 1).status()).isEqualTo(410);
        assertThat(vault.mustReveal(key, "busy")).isEqualTo(value + "-2");
    }

    @Test
    void anEmptyValueIs400() {
        assertThat(vault.store(key, "empty", "").status()).isEqualTo(400);
    }
}
