package io.p3protocol.app.tenancy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.p3protocol.app.messaging.VerifiedAggregateCache;
import io.p3protocol.app.support.Await;
import io.p3protocol.app.support.IntegrationTest;
import io.p3protocol.app.support.TestApi;
import io.p3protocol.command.tenancy.Tenant;
import io.p3protocol.kernel.apikeys.IssueApiKeyCommand;
import io.p3protocol.kernel.apikeys.IssuedApiKey;
import io.p3protocol.kernel.security.Role;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A tenant past the snapshot threshold is snapshotted as Jackson JSON (field visibility, see Tenant), and is loaded
 * from that snapshot with its state intact.
 */
@IntegrationTest
class TenantSnapshotTest {
    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    CommandGateway commands;
    @Autowired
    EventStore eventStore;
    @Autowired
    @Qualifier("serializer")
    Serializer snapshotSerializer;
    @Autowired
    VerifiedAggregateCache tenantCache;
    @Value("${p3.snapshot-threshold}")
    int threshold;
    TestApi api;

    private final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void setUp() {
        api = new TestApi(port);
    }

    private record Snapshot(long sequenceNumber, String payloadType, JsonNode payload) {
    }

    private List<Snapshot> snapshots(String tenantId) {
        return jdbc.query("SELECT sequencenumber, payloadtype, payload FROM snapshotevententry "
                + "WHERE aggregateidentifier = ?", (rs, i) -> {
            try {
                return new Snapshot(rs.getLong(1), rs.getString(2),
                        json.readTree(new String(rs.getBytes(3), StandardCharsets.UTF_8)));
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
        }, tenantId);
    }

    @Test
    void aTenantPastTheThresholdIsSnapshottedWithoutItsKeysAndLoadsFromTheSnapshot() {
        String tenant = api.createTenant("snapshot-original");
        for (int i = 0; i < threshold; i++) {
            api.issueKey(tenant, "viewer");
        }

        Snapshot snapshot = Await.until(Duration.ofSeconds(10), "snapshot of " + tenant,
                () -> snapshots(tenant), list -> !list.isEmpty()).get(0);

        assertThat(snapshot.payloadType()).isEqualTo(Tenant.class.getName());
        assertThat(snapshot.payload().get("tenantId").asText()).isEqualTo(tenant);
        assertThat(snapshot.payload().get("name").asText()).isEqualTo("snapshot-original");
        assertThat(snapshot.payload().get("status").asText()).isEqualTo("ACTIVE");
        // The snapshot does not grow with the tenant's keys.
        assertThat(snapshot.payload().has("issuedKeyIds")).isFalse();

        // Loading starts from the snapshot, which deserializes into a Tenant (Jackson needs field visibility).
        DomainEventStream stream = eventStore.readEvents(tenant);
        DomainEventMessage<?> first = stream.next();
        assertThat(first.getPayloadType()).isEqualTo(Tenant.class);
        assertThat(first.getSequenceNumber()).isEqualTo(snapshot.sequenceNumber());

        // The tenant stays cached after its commands; without it, the next command loads from the snapshot, and
        // state that lives only in the snapshot still decides: the rename records the snapshotted name as previous.
        tenantCache.remove(tenant);
        assertThat(api.post("/api/tenants/" + tenant + "/rename", TestApi.ADMIN_KEY,
                Map.of("name", "snapshot-renamed")).status()).isEqualTo(200);
        String renamed = jdbc.queryForObject("""
                SELECT convert_from(payload, 'UTF8') FROM domainevententry
                WHERE aggregateidentifier = ? AND payloadtype = 'io.p3protocol.kernel.tenancy.TenantRenamedEvent'""",
                String.class, tenant);
        assertThat(renamed).contains("\"previousName\":\"snapshot-original\"")
                .contains("\"name\":\"snapshot-renamed\"");
    }

    @Test
    void aSnapshotThatStillListsTheTenantsKeysLoads() throws Exception {
        String tenant = UUID.randomUUID().toString();
        // The shape of a snapshot taken before the tenant stopped keeping its key ids.
        byte[] old = ("{\"tenantId\":\"" + tenant + "\",\"name\":\"old-snapshot\",\"status\":\"SUSPENDED\","
                + "\"issuedKeyIds\":[\"k1\",\"k2\"],\"policy\":null,\"tier\":null,\"zone\":null}")
                .getBytes(StandardCharsets.UTF_8);

        Tenant loaded = snapshotSerializer.deserialize(
                new SimpleSerializedObject<>(old, byte[].class, Tenant.class.getName(), null));

        assertThat(loaded).isNotNull();
        JsonNode written = json.readTree(snapshotSerializer.serialize(loaded, byte[].class).getData());
        assertThat(written.get("name").asText()).isEqualTo("old-snapshot");
        assertThat(written.get("status").asText()).isEqualTo("SUSPENDED");
        assertThat(written.has("issuedKeyIds")).isFalse();
    }

    @Test
    void aKeyIdIssuedTwiceIsRefusedAndLeavesTheTenantAsItWas() {
        String tenant = api.createTenant("snapshot-duplicate-" + UUID.randomUUID());
        String keyId = api.issueKey(tenant, "viewer").get("keyId").asText();
        long before = lastSequenceNumber(tenant);

        assertThatThrownBy(() -> commands.sendAndWait(new IssueApiKeyCommand(keyId, tenant, Set.of(Role.VIEWER),
                "c".repeat(64), null, 10L))).isInstanceOf(ConcurrencyException.class); // a 409 over HTTP

        assertThat(lastSequenceNumber(tenant)).isEqualTo(before);
        // The refused command's event never reached the cached tenant either: the next key follows the first.
        assertThat(api.issueKey(tenant, "viewer").get("keyId").asText()).isNotEqualTo(keyId);
        assertThat(lastSequenceNumber(tenant)).isEqualTo(before + 1);
    }

    private long lastSequenceNumber(String aggregateId) {
        return jdbc.queryForObject("SELECT max(sequencenumber) FROM domainevententry WHERE aggregateidentifier = ?",
                Long.class, aggregateId);
    }

    @Test
    void aNewKeyIdIsStillAcceptedAfterTheSnapshot() {
        String tenant = api.createTenant("snapshot-" + UUID.randomUUID());
        for (int i = 0; i < threshold; i++) {
            api.issueKey(tenant, "viewer");
        }
        Await.until(Duration.ofSeconds(10), "snapshot of " + tenant, () -> !snapshots(tenant).isEmpty());
        tenantCache.remove(tenant);

        String keyId = UUID.randomUUID().toString();
        assertThat(commands.<IssuedApiKey>sendAndWait(new IssueApiKeyCommand(keyId, tenant, Set.of(Role.VIEWER),
                "d".repeat(64), null, 10L))).isEqualTo(new IssuedApiKey(keyId, 10L));
    }
}
