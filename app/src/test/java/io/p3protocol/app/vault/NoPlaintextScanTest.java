package io.p3protocol.app.vault;

import com.fasterxml.jackson.databind.JsonNode;
import io.p3protocol.app.support.Await;
import io.p3protocol.app.support.IntegrationTest;
import io.p3protocol.app.support.TestApi;
import io.p3protocol.command.vault.keys.MasterKeySource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * THE no-plaintext scan. Known, distinctive values are stored, rotated to, generated and revealed, a TURN
 * credential is issued, and refused requests carry values too; then every column of every table of the database
 * (each row cast to text, and every bytea column also decoded as UTF-8 and searched as raw bytes) and the captured
 * application log are searched for each value, as text, as hex and as base64. None may be found. Positive controls
 * prove the scan finds what is there: the tenant's name in a text column, and in a bytea column (an event payload).
 */
@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class NoPlaintextScanTest {
    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MasterKeySource masterKeySource;

    @Test
    void noSecretValueIsInAnyTableOrInTheLog(CapturedOutput output) {
        TestApi api = new TestApi(port);
        VaultApi vault = new VaultApi(api);
        String tenantName = "scan-tenant-" + UUID.randomUUID();
        String tenant = api.createTenant(tenantName);
        JsonNode admin = api.issueKey(tenant, "admin");
        String key = admin.get("apiKey").asText();
        String operator = api.issueKey(tenant, "operator").get("apiKey").asText();

        Map<String, String> secrets = new LinkedHashMap<>(); // what -> plaintext
        secrets.put("stored value", "PLAINTEXT-stored-" + UUID.randomUUID());
        secrets.put("rotated-to value", "PLAINTEXT-rotated-" + UUID.randomUUID());
        secrets.put("value of a refused store", "PLAINTEXT-refused-" + UUID.randomUUID());
        secrets.put("value of a 409 store", "PLAINTEXT-conflict-" + UUID.randomUUID());

        vault.mustStore(key, "scan-me", secrets.get("stored value"));
        assertThat(vault.mustReveal(key, "scan-me")).isEqualTo(secrets.get("stored value"));
        assertThat(vault.rotate(key, "scan-me", Map.of("value", secrets.get("rotated-to value"))).status()).isEqualTo(200);
        assertThat(vault.mustReveal(key, "scan-me")).isEqualTo(secrets.get("rotated-to value"));
        secrets.put("generated on rotation", vault.rotate(key, "scan-me", Map.of("reveal", true)).json()
                .get("value").asText());
        assertThat(vault.mustReveal(key, "scan-me")).isEqualTo(secrets.get("generated on rotation"));
        assertThat(vault.store(key, "bad name!", secrets.get("value of a refused store")).status()).isEqualTo(400);
        assertThat(vault.store(key, "scan-me", secrets.get("value of a 409 store")).status()).isEqualTo(409);

        vault.mustStore(key, "IP_SALT", null);
        secrets.put("generated IP_SALT", vault.mustReveal(key, "IP_SALT"));
        JsonNode turn = vault.turn(operator, Map.of("userId", "scanner")).json();
        secrets.put("TURN credential", turn.get("credential").asText());
        secrets.put("TURN_CREDENTIAL", vault.mustReveal(key, "TURN_CREDENTIAL"));
        if (!masterKeySource.configured()) {
            secrets.put("master passphrase", new String(masterKeySource.passphrase()));
        }

        // Let every asynchronous writer (read models, audit chain) catch up before scanning.
        Await.until(Duration.ofSeconds(30), "secret_view at version 3", () -> jdbc.queryForList(
                "SELECT version FROM secret_view WHERE tenant_id = ? AND name = 'scan-me'", Integer.class,
                tenant).contains(3));
        Await.until(Duration.ofSeconds(30), "tenant_view has the tenant (the positive control below)", () ->
                jdbc.queryForObject("SELECT count(*) FROM tenant_view WHERE tenant_id = ?", Integer.class, tenant) == 1);
        Await.until(Duration.ofSeconds(30), "audit chain sealed every event of the tenant", () -> jdbc.queryForObject("""
                SELECT count(*) FROM domainevententry e WHERE NOT EXISTS (SELECT 1 FROM audit_chain a
                WHERE a.event_id = e.eventidentifier) AND convert_from(e.metadata, 'UTF8')::jsonb ->> 'tenantId' = ?""",
                Integer.class, tenant) == 0);

        List<String> controlHits = scan(needles(tenantName));
        assertThat(controlHits).as("positive control: the scan finds the tenant name")
                .anyMatch(hit -> hit.startsWith("public.tenant_view row"))
                .anyMatch(hit -> hit.startsWith("public.domainevententry.payload bytes as UTF-8"));

        List<String> found = new ArrayList<>();
        secrets.forEach((what, value) -> scan(needles(value)).forEach(hit -> found.add(what + " in " + hit)));
        assertThat(found).as("plaintext found in the database").isEmpty();

        String log = output.getAll();
        assertThat(log).as("positive control: the log has the reveals")
                .contains("POST /api/vault/secrets/scan-me/reveal 200");
        secrets.forEach((what, value) -> needles(value).forEach(needle ->
                assertThat(log).as(what + " in the log").doesNotContain(needle)));
    }

    /**
     * A value as text, as lower- and upper-case hex of its UTF-8 bytes, and as base64 (standard and URL-safe). Inside
     * a longer base64 text the value's encoding depends on its offset modulo 3, so for each k in 0..2 the needle is
     * the encoding of the value's bytes from k on, cut to whole 3-byte groups: whatever the offset, one of the three
     * lies on group boundaries and appears verbatim.
     */
    private static List<String> needles(String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        List<String> needles = new ArrayList<>(List.of(value, HexFormat.of().formatHex(utf8),
                HexFormat.of().withUpperCase().formatHex(utf8)));
        for (int k = 0; k < 3; k++) {
            int groups = (utf8.length - k) / 3;
            byte[] aligned = java.util.Arrays.copyOfRange(utf8, k, k + groups * 3);
            String encoded = Base64.getEncoder().encodeToString(aligned);
            needles.add(encoded);
            needles.add(encoded.replace('+', '-').replace('/', '_'));
        }
        return needles.stream().filter(n -> n.length() >= 16).distinct().toList();
    }

    /** Where any needle occurs: every table's rows as text, and every bytea column as raw bytes and as UTF-8. */
    private List<String> scan(List<String> needles) {
        List<String> hits = new ArrayList<>();
        List<Map<String, Object>> tables = jdbc.queryForList("""
                SELECT table_schema, table_name FROM information_schema.tables WHERE table_type = 'BASE TABLE'
                AND table_schema NOT IN ('pg_catalog', 'information_schema')""");
        for (Map<String, Object> table : tables) {
            String qualified = quote(table.get("table_schema")) + "." + quote(table.get("table_name"));
            String name = table.get("table_schema") + "." + table.get("table_name");
            jdbc.query("SELECT t::text FROM " + qualified + " t", rs -> {
                String row = rs.getString(1);
                for (String needle : needles) {
                    if (row.contains(needle)) {
                        hits.add(name + " row: " + needle);
                    }
                }
            });
            List<String> byteaColumns = jdbc.queryForList("""
                    SELECT column_name FROM information_schema.columns WHERE table_schema = ? AND table_name = ?
                    AND data_type = 'bytea'""", String.class, table.get("table_schema"), table.get("table_name"));
            for (String column : byteaColumns) {
                jdbc.query("SELECT " + quote(column) + " FROM " + qualified + " WHERE " + quote(column) + " IS NOT NULL",
                        rs -> {
                            byte[] bytes = rs.getBytes(1);
                            String asUtf8 = new String(bytes, StandardCharsets.UTF_8);
                            String asLatin1 = new String(bytes, StandardCharsets.ISO_8859_1);
                            for (String needle : needles) {
                                if (asUtf8.contains(needle)) {
                                    hits.add(name + "." + column + " bytes as UTF-8: " + needle);
                                }
                                if (asLatin1.contains(needle)) {
                                    hits.add(name + "." + column + " raw bytes: " + needle);
                                }
                            }
                        });
            }
        }
        return hits;
    }

    private static String quote(Object identifier) {
        return "\"" + identifier.toString().replace("\"", "\"\"") + "\"";
    }
}
