package io.p3protocol.app.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.p3protocol.app.support.IntegrationTest;
import io.p3protocol.app.support.TestApi;
import io.p3protocol.projection.audit.AuditChainSealer;
import io.p3protocol.projection.eventstore.SnapshotCursor;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.URI;
import java.net.http.HttpRequest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@IntegrationTest
class AuditChainSealingTest {
    private static final AtomicInteger FORGED = new AtomicInteger();
    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    AuditChainSealer sealer;
    @Autowired
    SnapshotCursor cursor;
    @Autowired
    EventProcessingConfiguration processing;
    TestApi api;
    AuditApi audit;

    @BeforeEach
    void setUp() {
        api = new TestApi(port);
        audit = new AuditApi(api);
    }

    @Test
    void aRedeliveredEventIsNotSealedTwice() {
        String tenant = api.createTenant("sealing-redelivery");
        JsonNode created = audit.awaitSealed(tenant, 1).get(0);
        String eventId = created.get("eventId").asText();

        sealer.seal(new GenericEventMessage<>(eventId, "redelivered", Map.of(), java.time.Instant.now()));

        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_chain WHERE tenant_id = ?", Integer.class, tenant))
                .isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT hash FROM audit_chain WHERE event_id = ?", String.class, eventId))
                .isEqualTo(created.get("hash").asText());
    }

    @Test
    void aRedeliveredTrackedEventIsFoundByItsPositionAndNotSealedTwice() {
        String tenant = api.createTenant("sealing-tracked-redelivery");
        JsonNode created = audit.awaitSealed(tenant, 1).get(0);
        String eventId = created.get("eventId").asText();

        sealer.seal(trackedAt(created.get("seq").asLong(), eventId));

        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_chain WHERE tenant_id = ?", Integer.class, tenant))
                .isEqualTo(1);
    }

    @Test
    void anEventWhoseTokenIndexIsAnotherEventsPositionIsFoundByItsId() {
        // an event that fills a gap arrives with a token whose index is the highest position seen, not its own
        String tenant = api.createTenant("sealing-gap-filler");
        String laterTenant = api.createTenant("sealing-gap-filler-later");
        JsonNode earlier = audit.awaitSealed(tenant, 1).get(0);
        JsonNode later = audit.awaitSealed(laterTenant, 1).get(0);

        sealer.seal(trackedAt(later.get("seq").asLong(), earlier.get("eventId").asText()));

        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_chain WHERE tenant_id = ?", Integer.class, tenant))
                .isEqualTo(1);
    }

    @Test
    void aDeliveredEventWithNoStoredRowIsRefused() {
        String tenant = api.createTenant("sealing-no-row");
        JsonNode created = audit.awaitSealed(tenant, 1).get(0);
        String unknownId = java.util.UUID.randomUUID().toString();

        assertThatIllegalStateException()
                .isThrownBy(() -> sealer.seal(trackedAt(created.get("seq").asLong(), unknownId)))
                .withMessageContaining(unknownId).withMessageContaining("gone");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_chain WHERE event_id = ?", Integer.class,
                unknownId)).isZero();
    }

    @Test
    void eachRecordNamesThePositionOfTheRecordItFollowsInItsChain() {
        String tenant = api.createTenant("sealing-links");
        api.issueKey(tenant, "viewer");
        List<JsonNode> sealed = audit.awaitSealed(tenant, 3);

        assertThat(prevSeqOf(sealed.get(0))).isNull();
        assertThat(prevSeqOf(sealed.get(1))).isEqualTo(sealed.get(0).get("seq").asLong());
        assertThat(prevSeqOf(sealed.get(2))).isEqualTo(sealed.get(1).get("seq").asLong());
    }

    @Test
    void aSecondRecordFollowingTheSameRecordIsRefused() {
        String tenant = api.createTenant("sealing-fork");
        api.issueKey(tenant, "viewer");
        List<JsonNode> sealed = audit.awaitSealed(tenant, 2);
        JsonNode first = sealed.get(0);

        assertThatThrownBy(() -> insertForgedSeal(tenant, first.get("hash").asText(), first.get("seq").asLong()))
                .isInstanceOf(DuplicateKeyException.class).hasMessageContaining("audit_chain_successor_uq");
    }

    @Test
    void aSecondFirstRecordOfAChainIsRefused() {
        String tenant = api.createTenant("sealing-second-genesis");
        audit.awaitSealed(tenant, 1);

        assertThatThrownBy(() -> insertForgedSeal(tenant, "0".repeat(64), null))
                .isInstanceOf(DuplicateKeyException.class).hasMessageContaining("audit_chain_first_record_uq");
    }

    private Long prevSeqOf(JsonNode record) {
        return jdbc.queryForObject("SELECT prev_seq FROM audit_chain WHERE seq = ?", Long.class,
                record.get("seq").asLong());
    }

    /** A seal row written past the sealer, at a position no event holds (the constraints are what is tested). */
    private void insertForgedSeal(String tenant, String prevHash, Long prevSeq) {
        long unusedSeq = -1_000_000 - FORGED.incrementAndGet();
        jdbc.update("INSERT INTO audit_chain (seq, event_id, tenant_id, prev_hash, hash, prev_seq)"
                        + " VALUES (?, ?, ?, ?, ?, ?)", unusedSeq, "forged-" + unusedSeq, tenant, prevHash,
                "f".repeat(64), prevSeq);
    }

    private static GenericTrackedEventMessage<String> trackedAt(long globalIndex, String eventId) {
        return new GenericTrackedEventMessage<>(GapAwareTrackingToken.newInstance(globalIndex, java.util.List.of()),
                new GenericEventMessage<>(eventId, "redelivered", Map.of(), java.time.Instant.now()));
    }

    @Test
    void theSealingProcessorRefusesAReplay() {
        StreamingEventProcessor processor = processing
                .eventProcessor(AuditChainSealer.PROCESSING_GROUP, StreamingEventProcessor.class).orElseThrow();
        assertThat(processor.supportsReset()).isFalse();
    }

    @Test
    void exportsStreamThroughAServerSideCursorInAReadOnlySnapshot() {
        AtomicInteger rows = new AtomicInteger();
        cursor.stream("SELECT g FROM generate_series(1, ?) g", new Object[]{3 * SnapshotCursor.FETCH_SIZE}, rs -> {
            if (rows.getAndIncrement() == 0) {
                // what the PostgreSQL driver needs to fetch FETCH_SIZE rows at a time instead of all of them
                Connection connection = rs.getStatement().getConnection();
                assertThat(connection.getAutoCommit()).isFalse();
                assertThat(rs.getType()).isEqualTo(ResultSet.TYPE_FORWARD_ONLY);
                assertThat(rs.getStatement().getFetchSize()).isEqualTo(SnapshotCursor.FETCH_SIZE);
                assertThat(connection.isReadOnly()).isTrue();
                assertThat(connection.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_REPEATABLE_READ);
            }
        });
        assertThat(rows.get()).isEqualTo(3 * SnapshotCursor.FETCH_SIZE);
    }

    @Test
    void theVerifierTakesBodiesBeyondTheRequestSizeLimit() {
        String tenant = api.createTenant("sealing-big-body");
        audit.awaitSealed(tenant, 1);
        String line = audit.export("?tenantId=" + tenant, TestApi.ADMIN_KEY).body();
        int copies = (2 * 1024 * 1024) / line.length() + 1; // over 2 MiB, past the 1 MiB limit for other routes

        TestApi.Response response = api.send(HttpRequest.newBuilder(URI.create(api.base() + "/api/audit/verify"))
                .header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofString(line.repeat(copies))), TestApi.ADMIN_KEY);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("checked").asLong()).isEqualTo(copies);
        // the same record again does not continue its own chain
        assertThat(response.json().get("valid").asBoolean()).isFalse();
        assertThat(response.json().get("firstBreakLine").asLong()).isEqualTo(2);
    }

    @Test
    void aBodyThatIsNotNdjsonIs400Problem() {
        TestApi.Response response = audit.verify("seq,eventId\n1,x\n", "", TestApi.ADMIN_KEY);
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("errors").get(0).get("field").asText()).isEqualTo("body");
    }

    @Test
    void aFormEncodedBodyIs415Problem() {
        TestApi.Response response = api.send(HttpRequest.newBuilder(URI.create(api.base() + "/api/audit/verify"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("a=b")), TestApi.ADMIN_KEY);
        assertThat(response.status()).isEqualTo(415);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }
}
