package io.p3protocol.app.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.p3protocol.app.support.IntegrationTest;
import io.p3protocol.app.support.TestApi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class AuditExportTest {
    private static final List<String> FIELDS = List.of("seq", "eventId", "type", "aggregateId", "aggregateSeq",
            "timestamp", "tenantId", "actor", "payload", "prevHash", "hash");

    @LocalServerPort
    int port;
    TestApi api;
    AuditApi audit;

    @BeforeEach
    void setUp() {
        api = new TestApi(port);
        audit = new AuditApi(api);
    }

    @Test
    void aTenantsExportHoldsItsEventsInOrderWithTheDocumentedFields() {
        String tenant = audit.tenantWithFourEvents("audit-shape");

        List<JsonNode> records = audit.records("?tenantId=" + tenant, TestApi.ADMIN_KEY);

        assertThat(records).extracting(r -> r.get("type").asText())
                .containsExactly("TenantCreatedEvent", "TenantRenamedEvent", "TenantApiKeyIssuedEvent",
                        "ApiKeyIssuedEvent");
        JsonNode created = records.get(0);
        assertThat(created.properties()).extracting(Map.Entry::getKey).containsExactlyElementsOf(FIELDS);
        assertThat(created.get("prevHash").asText()).isEqualTo("0".repeat(64));
        assertThat(created.get("tenantId").asText()).isEqualTo(tenant);
        assertThat(created.get("actor").asText()).isEqualTo("platform-admin");
        assertThat(created.get("aggregateId").asText()).isEqualTo(tenant);
        assertThat(created.get("aggregateSeq").asLong()).isZero();
        assertThat(created.get("payload").get("name").asText()).isEqualTo("audit-shape");
        assertThat(records.get(1).get("prevHash").asText()).isEqualTo(created.get("hash").asText());
        assertThat(records.get(3).get("payload").has("keyHash")).isTrue();
        assertThat(records.get(3).get("seq").asLong()).isGreaterThan(records.get(2).get("seq").asLong());
    }

    @Test
    void anExportVerifiesAsValid() {
        String tenant = audit.tenantWithFourEvents("audit-round-trip");
        TestApi.Response export = audit.export("?tenantId=" + tenant, TestApi.ADMIN_KEY);
        assertThat(export.contentType()).startsWith("application/x-ndjson");

        TestApi.Response verified = audit.verify(export.body(), "", TestApi.ADMIN_KEY);

        assertThat(verified.status()).isEqualTo(200);
        assertThat(verified.json().get("valid").asBoolean()).isTrue();
        assertThat(verified.json().get("checked").asLong()).isEqualTo(4);
        assertThat(verified.json().get("firstBreakSeq").isNull()).isTrue();
    }

    @Test
    void thePlatformWideExportVerifiesAcrossAllTenantChains() {
        audit.tenantWithFourEvents("audit-platform-a");
        audit.tenantWithFourEvents("audit-platform-b");
        TestApi.Response export = audit.export("", TestApi.ADMIN_KEY);

        TestApi.Response verified = audit.verify(export.body(), "", TestApi.ADMIN_KEY);

        assertThat(verified.json().get("valid").asBoolean()).as(verified.body()).isTrue();
        assertThat(verified.json().get("chains").asInt()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void aKeyRevokedByThePlatformAdminStaysInItsTenantsChain() {
        // the platform admin's revoke command names no tenant; the event still belongs to the key's tenant
        String tenant = api.createTenant("audit-revoked-by-admin");
        String keyId = api.issueKey(tenant, "viewer").get("keyId").asText();
        assertThat(api.post("/api/api-keys/" + keyId + "/revoke", TestApi.ADMIN_KEY, null).status()).isEqualTo(200);

        List<JsonNode> records = audit.awaitSealed(tenant, 4);

        JsonNode revoked = AuditApi.only(records, "ApiKeyRevokedEvent");
        assertThat(revoked.get("tenantId").asText()).isEqualTo(tenant);
        assertThat(revoked.get("prevHash").asText()).isEqualTo(records.get(2).get("hash").asText());
    }

    @Test
    void aTenantKeyOnlySeesItsOwnTenant() {
        String mine = audit.tenantWithFourEvents("audit-mine");
        String other = audit.tenantWithFourEvents("audit-other");
        String key = api.issueKey(mine, "admin").get("apiKey").asText();
        audit.awaitSealed(mine, 6);

        List<JsonNode> records = audit.records("", key);

        assertThat(records).hasSize(6).allSatisfy(r -> assertThat(r.get("tenantId").asText()).isEqualTo(mine));
        assertThat(audit.records("?tenantId=" + mine, key)).hasSize(6);
    }

    @Test
    void aTenantKeyNamingAnotherTenantGets404() {
        String mine = api.createTenant("audit-prober");
        String other = api.createTenant("audit-probed");
        String key = api.issueKey(mine, "admin").get("apiKey").asText();

        TestApi.Response response = audit.export("?tenantId=" + other, key);

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("code").asText()).isEqualTo("tenant_not_found");
    }

    @Test
    void exportAndVerifyNeedTheAdminRole() {
        String tenant = api.createTenant("audit-viewer");
        String viewer = api.issueKey(tenant, "viewer").get("apiKey").asText();

        assertThat(audit.export("", viewer).status()).isEqualTo(403);
        assertThat(audit.verify("", "", viewer).status()).isEqualTo(403);
    }

    @Test
    void csvHasAHeaderAndTheSameRecords() {
        String tenant = audit.tenantWithFourEvents("audit, \"csv\"");
        List<JsonNode> records = audit.records("?tenantId=" + tenant, TestApi.ADMIN_KEY);

        TestApi.Response csv = api.get("/api/audit/events?tenantId=" + tenant, TestApi.ADMIN_KEY, "text/csv");

        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        String[] lines = csv.body().split("\r\n");
        assertThat(lines[0]).isEqualTo(String.join(",", FIELDS));
        assertThat(lines).hasSize(records.size() + 1);
        for (int i = 0; i < records.size(); i++) {
            String line = lines[i + 1];
            JsonNode record = records.get(i);
            assertThat(line).startsWith(record.get("seq").asText() + "," + record.get("eventId").asText() + ","
                    + record.get("type").asText() + ",");
            assertThat(line).endsWith("," + record.get("prevHash").asText() + "," + record.get("hash").asText());
        }
        // the payload holds commas and quotes: quoted, quotes doubled
        assertThat(lines[1]).contains("\"{\"\"name\"\":\"\"audit, \\\"\"csv\\\"\"\"\",\"\"tenantId\"\":\"\"" + tenant + "\"\"}\"");
    }

    @Test
    void fromSeqStartsTheExportAtThatEvent() {
        String tenant = audit.tenantWithFourEvents("audit-from-seq");
        List<JsonNode> all = audit.records("?tenantId=" + tenant, TestApi.ADMIN_KEY);
        long renamedSeq = AuditApi.only(all, "TenantRenamedEvent").get("seq").asLong();

        List<JsonNode> tail = audit.records("?tenantId=" + tenant + "&fromSeq=" + renamedSeq, TestApi.ADMIN_KEY);

        assertThat(tail).extracting(r -> r.get("type").asText())
                .containsExactly("TenantRenamedEvent", "TenantApiKeyIssuedEvent", "ApiKeyIssuedEvent");
        assertThat(audit.verify(audit.export("?tenantId=" + tenant + "&fromSeq=" + renamedSeq, TestApi.ADMIN_KEY)
                .body(), "", TestApi.ADMIN_KEY).json().get("valid").asBoolean()).isTrue();
    }

    @Test
    void fromAndToSelectATimeWindow() {
        String tenant = audit.tenantWithFourEvents("audit-window");
        JsonNode renamed = AuditApi.only(audit.records("?tenantId=" + tenant, TestApi.ADMIN_KEY), "TenantRenamedEvent");
        String at = renamed.get("timestamp").asText();

        List<JsonNode> window = audit.records("?tenantId=" + tenant + "&from=" + at + "&to=" + at, TestApi.ADMIN_KEY);

        assertThat(window).extracting(r -> r.get("seq").asLong()).containsExactly(renamed.get("seq").asLong());
    }

    @Test
    void typesPicksEventsByNameAndSuchASelectionVerifiesRecordByRecord() {
        String tenant = audit.tenantWithFourEvents("audit-types");
        String query = "?tenantId=" + tenant + "&types=TenantCreatedEvent,ApiKeyIssuedEvent";

        List<JsonNode> picked = audit.records(query, TestApi.ADMIN_KEY);

        assertThat(picked).extracting(r -> r.get("type").asText())
                .containsExactly("TenantCreatedEvent", "ApiKeyIssuedEvent");
        String body = audit.export(query, TestApi.ADMIN_KEY).body();
        assertThat(audit.verify(body, "?checkLinks=false", TestApi.ADMIN_KEY).json().get("valid").asBoolean()).isTrue();
        assertThat(audit.verify(body, "", TestApi.ADMIN_KEY).json().get("valid").asBoolean()).isFalse();
    }

    @Test
    void badFilterValuesAre400WithOneErrorPerField() {
        TestApi.Response response = audit.export(
                "?fromSeq=abc&from=yesterday&to=2025-13-01T00:00:00Z&types=Tenant-Created&tenantId=nope",
                TestApi.ADMIN_KEY);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("code").asText()).isEqualTo("validation_failed");
        assertThat(response.json().get("errors")).extracting(e -> e.get("field").asText())
                .containsExactlyInAnyOrder("tenantId", "fromSeq", "from", "to", "types");
    }

    @Test
    void aWindowEndingBeforeItStartsIs400() {
        TestApi.Response response = audit.export("?from=2025-02-01T00:00:00Z&to=2025-01-01T00:00:00Z",
                TestApi.ADMIN_KEY);
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errors").get(0).get("field").asText()).isEqualTo("to");
    }

    @Test
    void anUnsupportedAcceptIs406Problem() {
        TestApi.Response response = api.get("/api/audit/events", TestApi.ADMIN_KEY, "image/png");
        assertThat(response.status()).isEqualTo(406);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }
}
