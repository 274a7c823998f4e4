package io.p3protocol.app.guardian;

import com.fasterxml.jackson.databind.JsonNode;
import io.p3protocol.app.support.IntegrationTest;
import io.p3protocol.app.support.TestApi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import io.p3protocol.app.audit.AuditApi;
import io.p3protocol.app.support.Await;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Guardian grants through the real HTTP surface: what crosses, what is refused, and that every crossing is in both
 * tenants' audit exports.
 */
@IntegrationTest
class GuardianFederationTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    TestApi api;

    String home;
    String guardianKeyId;
    String guardianKey;
    String target;
    String targetKey;

    @BeforeEach
    void setUp() {
        api = new TestApi(port);
        home = api.createTenant("guardian-home");
        JsonNode key = api.issueKey(home, "operator");
        guardianKeyId = key.get("keyId").asText();
        guardianKey = key.get("apiKey").asText();
        target = api.createTenant("guardian-target");
        targetKey = api.issueKey(target, "admin").get("apiKey").asText();
    }

    private TestApi.Response grant(Object tenantIds, Object roles, Instant expiresAt) {
        return api.post("/api/enterprise/guardian/grants", TestApi.ADMIN_KEY, Map.of("guardianKeyId", guardianKeyId,
                "tenantIds", tenantIds, "roles", roles, "expiresAt", expiresAt.toString()));
    }

    private String grantOver(String... tenants) {
        TestApi.Response granted = grant(List.of(tenants), List.of("operator"), Instant.now().plusSeconds(3600));
        assertThat(granted.status()).as(granted.body()).isEqualTo(201);
        return granted.json().get("grantId").asText();
    }

    private TestApi.Response asGuardianIn(String tenant, String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api.base() + path))
                .header(GUARDIAN_HEADER, tenant).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        return api.send(request, guardianKey);
    }

    private static final String GUARDIAN_HEADER = "X-P3-Guardian-Tenant";
    private static final String WHO_AM_I = "{\"query\":\"{ me { actor tenantId roles } }\"}";

    /** The tenant's sealed audit records, as the platform admin exports them. */
    private List<JsonNode> export(String tenant) {
        return new AuditApi(api).records("?tenantId=" + tenant, TestApi.ADMIN_KEY);
    }

    private List<JsonNode> accessRecords(String tenant) {
        return export(tenant).stream().filter(r -> r.get("type").asText().endsWith("GuardianAccessRecordedEvent"))
                .toList();
    }

    @Test
    void withoutAGrantTheHeaderCrossesNothing() {
        TestApi.Response refused = asGuardianIn(target, "POST", "/graphql", WHO_AM_I);

        assertThat(refused.status()).as(refused.body()).isEqualTo(403);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().get("code").asText()).isEqualTo("guardian_scope_denied");
    }

    @Test
    void underAGrantTheGuardianActsAsTheTargetTenantWithTheGrantsRoles() {
        String grantId = grantOver(target);

        TestApi.Response me = asGuardianIn(target, "POST", "/graphql", WHO_AM_I);

        assertThat(me.status()).as(me.body()).isEqualTo(200);
        JsonNode caller = me.json().at("/data/me");
        assertThat(caller.get("tenantId").asText()).isEqualTo(target);
        assertThat(caller.get("actor").asText()).isEqualTo("guardian:" + grantId + "/key:" + guardianKeyId);
        assertThat(me.header("X-P3-Guardian-Grant")).isEqualTo(grantId);
    }

    @Test
    void aCrossingReadIsInTheAuditExportOfBothTenants() throws Exception {
        String grantId = grantOver(target);

        assertThat(asGuardianIn(target, "GET", "/api/enterprise/guardian/grants", null).status()).isEqualTo(403);
        assertThat(asGuardianIn(target, "POST", "/graphql", WHO_AM_I).status()).isEqualTo(200);

        for (String tenant : List.of(target, home)) {
            // the export holds sealed records, and sealing is asynchronous
            List<JsonNode> accesses = Await.until(Duration.ofSeconds(20), "both crossings sealed for " + tenant,
                    () -> accessRecords(tenant), sealed -> sealed.size() >= 2);
            assertThat(accesses).as("audit export of " + tenant).hasSize(2);
            JsonNode read = accesses.get(1).get("payload");
            assertThat(read.get("grantId").asText()).isEqualTo(grantId);
            assertThat(read.get("guardianKeyId").asText()).isEqualTo(guardianKeyId);
            assertThat(read.get("targetTenantId").asText()).isEqualTo(target);
            assertThat(read.get("operation").asText()).isEqualTo("POST /graphql");
            assertThat(accesses.get(1).get("actor").asText()).isEqualTo("key:" + guardianKeyId);
        }
    }

    @Test
    void aCrossingCommandIsTheTargetsEventAndNamesTheGuardianAsActor() throws Exception {
        String grantId = grantOver(target);

        TestApi.Response transfer = asGuardianIn(target, "POST", "/api/payments/transfer",
                "{\"chain\":\"sepolia\",\"to\":\"0x00000000000000000000000000000000000000aa\",\"amount\":\"7\"}");

        assertThat(transfer.status()).as(transfer.body()).isEqualTo(202);
        String transferId = transfer.json().get("transferId").asText();
        // the export holds sealed records, and sealing is asynchronous; the access record in the guardian's own
        // tenant came earlier in the store, so it is sealed by then too
        JsonNode requested = Await.until(Duration.ofSeconds(20), "the transfer sealed into the target's chain",
                () -> export(target).stream()
                        .filter(r -> r.get("type").asText().endsWith("TransferRequestedEvent")
                                && r.get("aggregateId").asText().equals(transferId))
                        .findFirst(), Optional::isPresent).orElseThrow();
        assertThat(requested.get("actor").asText()).isEqualTo("guardian:" + grantId + "/key:" + guardianKeyId);
        assertThat(accessRecords(home)).anySatisfy(r ->
                assertThat(r.at("/payload/operation").asText()).isEqualTo("POST /api/payments/transfer"));
        assertThat(export(home)).noneMatch(r -> r.toString().contains(transferId));
    }

    @Test
    void aGrantDoesNotOpenATenantItDoesNotName() {
        String other = api.createTenant("guardian-not-named");
        grantOver(target);

        TestApi.Response refused = asGuardianIn(other, "POST", "/graphql", WHO_AM_I);

        assertThat(refused.status()).as(refused.body()).isEqualTo(403);
        assertThat(refused.json().get("code").asText()).isEqualTo("guardian_scope_denied");
    }

    @Test
    void aRevokedGrantRefusesTheNextCrossing() {
        String grantId = grantOver(target);
        assertThat(asGuardianIn(target, "POST", "/graphql", WHO_AM_I).status()).isEqualTo(200);

        TestApi.Response revoked = api.post("/api/enterprise/guardian/grants/" + grantId + "/revoke",
                TestApi.ADMIN_KEY, Map.of("reason", "incident closed"));
        assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);

        assertThat(asGuardianIn(target, "POST", "/graphql", WHO_AM_I).status()).isEqualTo(403);
    }

    @Test
    void anExpiredGrantRefusesTheCrossing() throws Exception {
        TestApi.Response granted = grant(List.of(target), List.of("viewer"), Instant.now().plusSeconds(2));
        assertThat(granted.status()).as(granted.body()).isEqualTo(201);

        Thread.sleep(Duration.ofMillis(2_500).toMillis());

        assertThat(asGuardianIn(target, "POST", "/graphql", WHO_AM_I).status()).isEqualTo(403);
    }

    @Test
    void aGrantCannotGiveMoreThanTheKeyHolds() {
        TestApi.Response refused = grant(List.of(target), List.of("admin"), Instant.now().plusSeconds(3600));

        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.body()).contains("more than the key itself holds");
    }

    @Test
    void onlyThePlatformAdminGrants() {
        TestApi.Response refused = api.post("/api/enterprise/guardian/grants", targetKey, Map.of(
                "guardianKeyId", guardianKeyId, "tenantIds", List.of(target),
                "expiresAt", Instant.now().plusSeconds(60).toString()));

        assertThat(refused.status()).as(refused.body()).isEqualTo(403);
        assertThat(refused.json().get("code").asText()).isEqualTo("forbidden");
    }

    @Test
    void aTargetTenantSeesTheGrantButNotTheOtherTenantsItNames() {
        String third = api.createTenant("guardian-third");
        String grantId = grantOver(target, third);

        TestApi.Response listed = api.get("/api/enterprise/guardian/grants", targetKey);

        assertThat(listed.status()).as(listed.body()).isEqualTo(200);
        JsonNode grant = listed.json().get(0);
        assertThat(grant.get("grantId").asText()).isEqualTo(grantId);
        assertThat(grant.get("tenantIds")).hasSize(1);
        assertThat(grant.get("tenantIds").get(0).asText()).isEqualTo(target);
    }

    /** Every crossing adds two events to the grant: it is snapshotted, loads from the snapshot and still decides. */
    @Test
    void aMuchUsedGrantIsSnapshottedAndStillRefusesAfterRevocation() {
        String grantId = grantOver(target);
        for (int i = 0; i < 30; i++) {
            assertThat(asGuardianIn(target, "POST", "/graphql", WHO_AM_I).status()).isEqualTo(200);
        }
        Await.until(Duration.ofSeconds(20), "snapshot of the grant", () -> jdbc.queryForObject(
                "SELECT count(*) FROM snapshotevententry WHERE aggregateidentifier = ?", Integer.class, grantId) > 0);

        assertThat(asGuardianIn(target, "POST", "/graphql", WHO_AM_I).status()).isEqualTo(200);
        api.post("/api/enterprise/guardian/grants/" + grantId + "/revoke", TestApi.ADMIN_KEY, Map.of());
        assertThat(asGuardianIn(target, "POST", "/graphql", WHO_AM_I).status()).isEqualTo(403);
    }
}
