package io.p3protocol.app.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.p3protocol.app.support.IntegrationTest;
import io.p3protocol.app.support.TestApi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import javax.sql.DataSource;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Merkle checkpoints over the sealed audit chain, checked from the outside: the proofs served over HTTP are verified
 * by the RFC 9162 algorithms written out again below (not the application's MerkleTree), from the hashes of the
 * export. Checkpoints are cut through POST /api/audit/checkpoints; the store is shared with other tests, so each
 * test cuts its own and never assumes which checkpoint is the latest.
 */
@IntegrationTest
class AuditCheckpointTest {
    private static final HexFormat HEX = HexFormat.of();

    @LocalServerPort
    int port;
    @Autowired
    DataSource dataSource;
    TestApi api;
    AuditApi audit;

    @BeforeEach
    void setUp() {
        api = new TestApi(port);
        audit = new AuditApi(api);
    }

    private JsonNode cutCheckpoint() {
        TestApi.Response cut = api.post("/api/audit/checkpoints", TestApi.ADMIN_KEY, Map.of());
        assertThat(cut.status()).as(cut.toString()).isIn(200, 201);
        return cut.json();
    }

    private JsonNode proofOf(String eventId, String key) {
        TestApi.Response proof = api.get("/api/audit/proof/" + eventId, key);
        assertThat(proof.status()).as(proof.toString()).isEqualTo(200);
        return proof.json();
    }

    @Test
    void anEventsInclusionProofVerifiesAgainstTheCheckpointRoot() {
        String tenant = audit.tenantWithFourEvents("checkpoint-inclusion");
        JsonNode renamed = AuditApi.only(audit.records("?tenantId=" + tenant, TestApi.ADMIN_KEY), "TenantRenamedEvent");
        JsonNode cut = cutCheckpoint();

        JsonNode proof = proofOf(renamed.get("eventId").asText(), TestApi.ADMIN_KEY);

        assertThat(proof.get("seq").asLong()).isEqualTo(renamed.get("seq").asLong());
        byte[] leafHash = Rfc9162.leafHash(HEX.parseHex(renamed.get("hash").asText()));
        assertThat(proof.get("leafHash").asText()).isEqualTo(HEX.formatHex(leafHash));
        JsonNode checkpoint = proof.get("checkpoint");
        assertThat(checkpoint.get("treeSize").asLong()).isGreaterThan(proof.get("leafIndex").asLong())
                .isLessThanOrEqualTo(cut.get("treeSize").asLong());
        assertThat(Rfc9162.verifyInclusion(proof.get("leafIndex").asLong(), checkpoint.get("treeSize").asLong(),
                leafHash, hashes(proof.get("path")), HEX.parseHex(checkpoint.get("root").asText()))).isTrue();
        JsonNode stored = api.get("/api/audit/checkpoints/" + checkpoint.get("id").asLong(), TestApi.ADMIN_KEY).json();
        assertThat(stored.get("root").asText()).isEqualTo(checkpoint.get("root").asText());
    }

    @Test
    void withAnchoringOffACheckpointSaysSoAndHasNoAnchor() {
        audit.tenantWithFourEvents("checkpoint-unanchored");
        JsonNode cut = cutCheckpoint();
        assertThat(cut.get("anchoring").asText()).isEqualTo("not configured");

        JsonNode stored = api.get("/api/audit/checkpoints/" + cut.get("id").asLong(), TestApi.ADMIN_KEY).json();

        assertThat(stored.get("anchoring").asText()).isEqualTo("not configured");
        assertThat(stored.get("anchor").isNull()).isTrue();
    }

    @Test
    void aConsistencyProofLinksTwoCheckpoints() {
        audit.tenantWithFourEvents("checkpoint-older");
        JsonNode older = cutCheckpoint();
        audit.tenantWithFourEvents("checkpoint-newer");
        JsonNode newer = cutCheckpoint();
        assertThat(newer.get("created").asBoolean()).isTrue();
        assertThat(newer.get("treeSize").asLong()).isGreaterThan(older.get("treeSize").asLong());

        TestApi.Response response = api.get("/api/audit/consistency?from=" + older.get("id").asLong() + "&to="
                + newer.get("id").asLong(), TestApi.ADMIN_KEY);

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode proof = response.json();
        assertThat(proof.get("from").get("root").asText()).isEqualTo(older.get("root").asText());
        assertThat(proof.get("to").get("root").asText()).isEqualTo(newer.get("root").asText());
        assertThat(Rfc9162.verifyConsistency(older.get("treeSize").asLong(), newer.get("treeSize").asLong(),
                HEX.parseHex(older.get("root").asText()), HEX.parseHex(newer.get("root").asText()),
                hashes(proof.get("proof")))).isTrue();
    }

    @Test
    void aTenantKeyGetsProofsOfItsOwnEventsOnly() {
        String own = audit.tenantWithFourEvents("checkpoint-own");
        String other = audit.tenantWithFourEvents("checkpoint-other");
        String ownKey = api.issueKey(own, "admin").get("apiKey").asText();
        String ownEvent = audit.records("?tenantId=" + own, TestApi.ADMIN_KEY).get(0).get("eventId").asText();
        String otherEvent = audit.records("?tenantId=" + other, TestApi.ADMIN_KEY).get(0).get("eventId").asText();
        cutCheckpoint();

        assertThat(api.get("/api/audit/proof/" + ownEvent, ownKey).status()).isEqualTo(200);
        TestApi.Response foreign = api.get("/api/audit/proof/" + otherEvent, ownKey);
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.json().get("code").asText()).isEqualTo("audit_event_not_found");
    }

    @Test
    void aTamperedSealedHashNoLongerProvesAgainstTheStoredCheckpointRoot() throws SQLException {
        String tenant = audit.tenantWithFourEvents("checkpoint-tamper");
        JsonNode renamed = AuditApi.only(audit.records("?tenantId=" + tenant, TestApi.ADMIN_KEY), "TenantRenamedEvent");
        String eventId = renamed.get("eventId").asText();
        String original = renamed.get("hash").asText();
        cutCheckpoint();
        JsonNode before = proofOf(eventId, TestApi.ADMIN_KEY);
        String forged = (original.charAt(0) == '0' ? "1" : "0") + original.substring(1);
        try {
            bypassingTriggers("UPDATE audit_chain SET hash = ? WHERE event_id = ?", forged, eventId);

            JsonNode after = proofOf(eventId, TestApi.ADMIN_KEY);

            assertThat(after.get("checkpoint").get("id").asLong()).isEqualTo(before.get("checkpoint").get("id").asLong());
            assertThat(Rfc9162.verifyInclusion(after.get("leafIndex").asLong(),
                    after.get("checkpoint").get("treeSize").asLong(), HEX.parseHex(after.get("leafHash").asText()),
                    hashes(after.get("path")), HEX.parseHex(before.get("checkpoint").get("root").asText()))).isFalse();
            // and no new checkpoint is cut over the tampered chain
            audit.tenantWithFourEvents("checkpoint-after-tamper");
            TestApi.Response refused = api.post("/api/audit/checkpoints", TestApi.ADMIN_KEY, Map.of());
            assertThat(refused.status()).isEqualTo(409);
            assertThat(refused.json().get("code").asText()).isEqualTo("audit_chain_inconsistent");
        } finally {
            bypassingTriggers("UPDATE audit_chain SET hash = ? WHERE event_id = ?", original, eventId);
        }
        JsonNode restored = proofOf(eventId, TestApi.ADMIN_KEY);
        assertThat(Rfc9162.verifyInclusion(restored.get("leafIndex").asLong(),
                restored.get("checkpoint").get("treeSize").asLong(), HEX.parseHex(restored.get("leafHash").asText()),
                hashes(restored.get("path")), HEX.parseHex(restored.get("checkpoint").get("root").asText()))).isTrue();
    }

    @Test
    void badProofRequestsAreClearClientErrors() {
        assertThat(api.get("/api/audit/proof/no-such-event", TestApi.ADMIN_KEY).status()).isEqualTo(404);
        TestApi.Response notANumber = api.get("/api/audit/consistency?from=abc&to=0", TestApi.ADMIN_KEY);
        assertThat(notANumber.status()).isEqualTo(400);
        assertThat(notANumber.json().get("errors")).hasSize(2);
        assertThat(api.get("/api/audit/consistency?from=1&to=999999999", TestApi.ADMIN_KEY).status()).isEqualTo(404);
        audit.tenantWithFourEvents("checkpoint-order-a");
        long first = cutCheckpoint().get("id").asLong();
        audit.tenantWithFourEvents("checkpoint-order-b");
        long second = cutCheckpoint().get("id").asLong();
        assertThat(api.get("/api/audit/consistency?from=" + second + "&to=" + first, TestApi.ADMIN_KEY).status())
                .isEqualTo(400);
        String tenant = api.createTenant("checkpoint-viewer");
        String viewer = api.issueKey(tenant, "viewer").get("apiKey").asText();
        assertThat(api.post("/api/audit/checkpoints", viewer, Map.of()).status()).isEqualTo(403);
    }

    private void bypassingTriggers(String sql, Object... args) throws SQLException {
        new Tampering(dataSource).bypassingTriggers(sql, args);
    }

    private static List<byte[]> hashes(JsonNode array) {
        List<byte[]> hashes = new ArrayList<>();
        array.forEach(node -> hashes.add(HEX.parseHex(node.asText())));
        return hashes;
    }

    /** RFC 9162 §2.1.3.2 and §2.1.4.2, written out independently of the application's implementation. */
    static final class Rfc9162 {
        static byte[] leafHash(byte[] leaf) {
            return sha256(new byte[]{0}, leaf);
        }

        static byte[] node(byte[] left, byte[] right) {
            return sha256(new byte[]{1}, left, right);
        }

        static boolean verifyInclusion(long leafIndex, long treeSize, byte[] hash, List<byte[]> path, byte[] root) {
            if (leafIndex >= treeSize) {
                return false;
            }
            long fn = leafIndex;
            long sn = treeSize - 1;
            byte[] r = hash;
            for (byte[] p : path) {
                if (sn == 0) {
                    return false;
                }
                if (fn % 2 == 1 || fn == sn) {
                    r = node(p, r);
                    while (fn % 2 == 0 && fn != 0) {
                        fn /= 2;
                        sn /= 2;
                    }
                } else {
                    r = node(r, p);
                }
                fn /= 2;
                sn /= 2;
            }
            return sn == 0 && MessageDigest.isEqual(r, root);
        }

        static boolean verifyConsistency(long first, long second, byte[] firstHash, byte[] secondHash,
                                         List<byte[]> consistencyPath) {
            if (consistencyPath.isEmpty()) {
                return false;
            }
            List<byte[]> path = new ArrayList<>();
            if ((first & (first - 1)) == 0) {
                path.add(firstHash);
            }
            path.addAll(consistencyPath);
            long fn = first - 1;
            long sn = second - 1;
            while (fn % 2 == 1) {
                fn /= 2;
                sn /= 2;
            }
            byte[] fr = path.get(0);
            byte[] sr = path.get(0);
            for (byte[] c : path.subList(1, path.size())) {
                if (sn == 0) {
                    return false;
                }
                if (fn % 2 == 1 || fn == sn) {
                    fr = node(c, fr);
                    sr = node(c, sr);
                    while (fn % 2 == 0 && fn != 0) {
                        fn /= 2;
                        sn /= 2;
                    }
                } else {
                    sr = node(sr, c);
                }
                fn /= 2;
                sn /= 2;
            }
            return sn == 0 && MessageDigest.isEqual(fr, firstHash) && MessageDigest.isEqual(sr, secondHash);
        }

        private static byte[] sha256(byte[]... parts) {
            try {
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                for (byte[] part : parts) {
                    sha.update(part);
                }
                return sha.digest();
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
