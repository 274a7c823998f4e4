package io.p3protocol.app.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.p3protocol.app.support.IntegrationTest;
import io.p3protocol.app.support.TestApi;
import io.p3protocol.projection.audit.AuditRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /api/audit/verify} checks an export against the sealed chain and the checkpoints' Merkle roots (and
 * anchors), not only against itself: a genuine export confirms the checkpoints; an export edited afterwards, one
 * forged with self-consistent hashes, and one re-exported after rewriting event and seal in PostgreSQL all fail,
 * each with a named problem.
 */
@IntegrationTest
class AuditVerifySealedChainTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;
    @Autowired
    DataSource dataSource;
    @Autowired
    JdbcTemplate jdbc;
    TestApi api;
    AuditApi audit;

    @BeforeEach
    void setUp() {
        api = new TestApi(port);
        audit = new AuditApi(api);
    }

    private JsonNode verify(List<JsonNode> records) {
        String body = records.stream().map(JsonNode::toString).collect(Collectors.joining("\n", "", "\n"));
        TestApi.Response response = audit.verify(body, "", TestApi.ADMIN_KEY);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    private JsonNode cutCheckpoint() {
        TestApi.Response cut = api.post("/api/audit/checkpoints", TestApi.ADMIN_KEY, Map.of());
        assertThat(cut.status()).as(cut.toString()).isIn(200, 201);
        return cut.json();
    }

    private static List<JsonNode> problems(JsonNode result, String code) {
        return StreamSupport.stream(result.get("problems").spliterator(), false)
                .filter(p -> code.equals(p.get("code").asText())).toList();
    }

    private static List<JsonNode> copy(List<JsonNode> records) {
        List<JsonNode> copies = new ArrayList<>();
        records.forEach(r -> copies.add(r.deepCopy()));
        return copies;
    }

    /** The record with its hash recomputed from its (possibly edited) fields, as a forger would. */
    private static ObjectNode resealed(JsonNode record, String prevHash) {
        ObjectNode forged = record.deepCopy();
        forged.remove(AuditRecord.HASH);
        forged.put(AuditRecord.PREV_HASH, prevHash);
        String hash = AuditRecord.hashOf(forged);
        forged.put(AuditRecord.HASH, hash);
        return forged;
    }

    @Test
    void aGenuineExportOfTheWholeStoreMatchesTheSealedChainAndConfirmsTheCheckpoints() {
        audit.tenantWithFourEvents("verify-genuine");
        JsonNode checkpoint = cutCheckpoint();
        List<JsonNode> records = audit.records("", TestApi.ADMIN_KEY);

        JsonNode result = verify(records);

        assertThat(result.get("valid").asBoolean()).as(result.toString()).isTrue();
        assertThat(result.get("problems")).isEmpty();
        JsonNode sealed = result.get("sealed");
        assertThat(sealed.get("matched").asLong()).isEqualTo(records.size());
        assertThat(sealed.get("checkpointCoverage").asText()).isEqualTo("full");
        assertThat(sealed.get("checkpointsConfirmed").asInt()).isEqualTo(sealed.get("checkpointsChecked").asInt())
                .isGreaterThanOrEqualTo(1);
        assertThat(sealed.get("checkpoints")).anySatisfy(c -> {
            assertThat(c.get("id").asLong()).isEqualTo(checkpoint.get("id").asLong());
            assertThat(c.get("confirmed").asBoolean()).isTrue();
            assertThat(c.get("recomputedRoot").asText()).isEqualTo(checkpoint.get("root").asText());
            assertThat(c.get("anchoring").asText()).isEqualTo("not configured"); // anchoring is off here
            assertThat(c.get("anchorConfirmed").asBoolean()).isFalse();
        });
    }

    @Test
    void anExportEditedAfterTheFactFailsWithTheEditedAndTheDroppedRecordNamed() {
        String tenant = audit.tenantWithFourEvents("verify-edited");
        List<JsonNode> records = copy(audit.records("?tenantId=" + tenant, TestApi.ADMIN_KEY));
        JsonNode renamed = AuditApi.only(records, "TenantRenamedEvent");
        ((ObjectNode) renamed.get("payload")).put("name", "someone-else");
        JsonNode dropped = records.remove(records.size() - 2);

        JsonNode result = verify(records);

        assertThat(result.get("valid").asBoolean()).isFalse();
        assertThat(problems(result, "hash_mismatch")).singleElement().satisfies(p -> {
            assertThat(p.get("seq").asLong()).isEqualTo(renamed.get("seq").asLong());
            assertThat(p.get("eventId").asText()).isEqualTo(renamed.get("eventId").asText());
        });
        assertThat(problems(result, "missing_from_export")).singleElement().satisfies(p -> {
            assertThat(p.get("seq").asLong()).isEqualTo(dropped.get("seq").asLong());
            assertThat(p.get("eventId").asText()).isEqualTo(dropped.get("eventId").asText());
        });
        assertThat(result.get("firstBreakSeq").asLong()).isEqualTo(renamed.get("seq").asLong());
    }

    @Test
    void aForgedExportWithSelfConsistentHashesFailsAgainstTheSealedChain() {
        String tenant = audit.tenantWithFourEvents("verify-forged");
        List<JsonNode> genuine = audit.records("?tenantId=" + tenant, TestApi.ADMIN_KEY);
        List<JsonNode> forged = new ArrayList<>();
        String prevHash = null;
        for (JsonNode record : genuine) {
            ObjectNode copy = record.deepCopy();
            if (forged.size() == 1) {
                ((ObjectNode) copy.get("payload")).put("name", "forged-name");
            }
            ObjectNode relinked = prevHash == null ? copy : resealed(copy, prevHash);
            forged.add(relinked);
            prevHash = relinked.get(AuditRecord.HASH).asText();
        }

        JsonNode result = verify(forged);

        assertThat(result.get("valid").asBoolean()).isFalse();
        // against itself the forgery holds: no hash or link problem
        assertThat(problems(result, "hash_mismatch")).isEmpty();
        assertThat(problems(result, "link_broken")).isEmpty();
        // against what was sealed it does not: every re-hashed record is named
        assertThat(problems(result, "sealed_mismatch")).extracting(p -> p.get("eventId").asText())
                .containsExactlyElementsOf(genuine.subList(1, genuine.size()).stream()
                        .map(r -> r.get("eventId").asText()).toList());
        assertThat(result.get("firstBreakSeq").asLong()).isEqualTo(genuine.get(1).get("seq").asLong());
        assertThat(result.get("sealed").get("matched").asLong()).isEqualTo(1);
    }

    @Test
    void anEventAndItsSealRewrittenInPostgresAndReExportedFailAgainstTheCheckpointRoot() throws SQLException {
        String tenant = audit.tenantWithFourEvents("verify-rewritten");
        JsonNode tail = audit.records("?tenantId=" + tenant, TestApi.ADMIN_KEY).get(3); // no later seal links to it
        long seq = tail.get("seq").asLong();
        JsonNode checkpoint = cutCheckpoint();
        assertThat(checkpoint.get("lastSeq").asLong()).isGreaterThanOrEqualTo(seq);
        byte[] payload = jdbc.queryForObject("SELECT payload FROM domainevententry WHERE globalindex = ?",
                byte[].class, seq);
        String sealedHash = jdbc.queryForObject("SELECT hash FROM audit_chain WHERE seq = ?", String.class, seq);
        Tampering tampering = new Tampering(dataSource);
        try {
            // the attacker edits the event and re-seals it, so the live export is consistent with audit_chain again
            String json = new String(payload, StandardCharsets.UTF_8).strip();
            byte[] edited = (json.substring(0, json.length() - 1) + ",\"backdoor\":true}")
                    .getBytes(StandardCharsets.UTF_8);
            tampering.bypassingTriggers("UPDATE domainevententry SET payload = ? WHERE globalindex = ?", edited, seq);
            JsonNode reexported = audit.records("?tenantId=" + tenant, TestApi.ADMIN_KEY).get(3);
            String resealedHash = resealed(reexported, reexported.get(AuditRecord.PREV_HASH).asText())
                    .get(AuditRecord.HASH).asText();
            tampering.bypassingTriggers("UPDATE audit_chain SET hash = ? WHERE seq = ?", resealedHash, seq);

            JsonNode result = verify(audit.records("", TestApi.ADMIN_KEY));

            assertThat(result.get("valid").asBoolean()).isFalse();
            assertThat(problems(result, "hash_mismatch")).isEmpty();
            assertThat(problems(result, "sealed_mismatch")).isEmpty();
            assertThat(problems(result, "checkpoint_mismatch")).anySatisfy(p ->
                    assertThat(p.get("detail").asText()).startsWith("checkpoint " + checkpoint.get("id").asLong() + ":"));
            assertThat(result.get("sealed").get("checkpoints")).anySatisfy(c -> {
                assertThat(c.get("id").asLong()).isEqualTo(checkpoint.get("id").asLong());
                assertThat(c.get("confirmed").asBoolean()).isFalse();
            });
        } finally {
            tampering.bypassingTriggers("UPDATE audit_chain SET hash = ? WHERE seq = ?", sealedHash, seq);
            tampering.bypassingTriggers("UPDATE domainevententry SET payload = ? WHERE globalindex = ?", payload, seq);
        }
        assertThat(verify(audit.records("", TestApi.ADMIN_KEY)).get("valid").asBoolean()).isTrue();
    }
}
