package io.p3protocol.app.operations;

import com.fasterxml.jackson.databind.JsonNode;
import io.p3protocol.app.support.Await;
import io.p3protocol.app.support.IntegrationTest;
import io.p3protocol.app.support.TestApi;
import io.p3protocol.projection.tenancy.TenancyViewProjection;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JDBC dead-letter queue, end to end: real events, a handler that fails for one tenant, the queue in the
 * bytea {@code deadletterentry} table, and the operator's retry through the actuator.
 */
@IntegrationTest
class DeadLetterQueueTest {
    private static final String GROUP = SwitchableFailingHandler.GROUP;

    @LocalServerPort
    int port;
    @Autowired
    SwitchableFailingHandler handler;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    JdbcTemplate jdbc;
    TestApi api;

    @BeforeEach
    void setUp() {
        api = new TestApi(port);
    }

    private List<Map<String, Object>> deadLetters(String tenantId) {
        return jdbc.queryForList("""
                SELECT payloadtype, causemessage, sequenceindex FROM deadletterentry
                WHERE processinggroup = ? AND sequenceidentifier = ? ORDER BY sequenceindex""", GROUP, tenantId);
    }

    @Test
    void dlqEnabledProcessorsGetTheJdbcDeadLetterQueue() {
        assertThat(processing.deadLetterQueue(TenancyViewProjection.PROCESSING_GROUP))
                .containsInstanceOf(JdbcSequencedDeadLetterQueue.class);
        assertThat(processing.deadLetterQueue(GROUP)).containsInstanceOf(JdbcSequencedDeadLetterQueue.class);
    }

    @Test
    void aFailingSequenceIsDeadLetteredOthersContinueAndARetryAfterTheFixDrainsIt() {
        String poisonedName = "dlq-poisoned-" + UUID.randomUUID();
        handler.poison(poisonedName);
        String poisoned = api.createTenant(poisonedName);
        assertThat(api.post("/api/tenants/" + poisoned + "/rename", TestApi.ADMIN_KEY,
                Map.of("name", "dlq-renamed")).status()).isEqualTo(200);
        String healthyName = "dlq-healthy-" + UUID.randomUUID();
        String healthy = api.createTenant(healthyName);

        // Events are handled in order, so once the later tenant is handled, the poisoned one has been dealt with.
        Await.until(Duration.ofSeconds(20), "healthy tenant handled", () -> !handler.handled(healthy).isEmpty());
        assertThat(handler.handled(healthy)).containsExactly("created:" + healthyName);
        assertThat(handler.handled(poisoned)).isEmpty();
        List<Map<String, Object>> letters = deadLetters(poisoned);
        assertThat(letters).hasSize(2);
        assertThat(letters.get(0).get("payloadtype")).isEqualTo("io.p3protocol.kernel.tenancy.TenantCreatedEvent");
        assertThat((String) letters.get(0).get("causemessage")).contains("poisoned tenant " + poisonedName);
        // The rename was queued behind the failed creation, not handled out of order.
        assertThat(letters.get(1).get("payloadtype")).isEqualTo("io.p3protocol.kernel.tenancy.TenantRenamedEvent");

        JsonNode status = api.get("/actuator/processors/" + GROUP, TestApi.ADMIN_KEY).json();
        assertThat(status.get("error").asBoolean()).as("a dead letter does not stop the processor").isFalse();
        assertThat(status.get("deadLetters").get("sequences").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(status.get("deadLetters").get("letters").asLong()).isGreaterThanOrEqualTo(2);

        handler.cure(poisonedName);
        TestApi.Response retry = api.post("/actuator/processors/" + GROUP + "/dead-letters/retry",
                TestApi.ADMIN_KEY, null);

        assertThat(retry.status()).as(retry.body()).isEqualTo(200);
        assertThat(retry.json().get("sequencesProcessed").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(deadLetters(poisoned)).isEmpty();
        assertThat(handler.handled(poisoned)).containsExactly("created:" + poisonedName, "renamed:dlq-renamed");
    }

    /**
     * A failed SQL statement aborts a PostgreSQL transaction. Without a savepoint per event the dead letter could not
     * be written in it, the batch would fail again and again, and the healthy tenant after it would never be handled.
     */
    @Test
    void anEventWhoseSqlFailsIsDeadLetteredAndTheBatchAroundItCommits() {
        String poisonedName = "dlq-sql-poisoned-" + UUID.randomUUID();
        handler.poisonWithSqlError(poisonedName);
        String poisoned = api.createTenant(poisonedName);
        String healthyName = "dlq-after-sql-" + UUID.randomUUID();
        String healthy = api.createTenant(healthyName);

        Await.until(Duration.ofSeconds(20), "tenant after the SQL failure handled",
                () -> !handler.handled(healthy).isEmpty());
        List<Map<String, Object>> letters = deadLetters(poisoned);
        assertThat(letters).hasSize(1);
        assertThat((String) letters.get(0).get("causemessage")).contains("division by zero");
    }

    @Test
    void aRetryWhileTheCauseRemainsKeepsTheLetters() {
        String poisonedName = "dlq-still-poisoned-" + UUID.randomUUID();
        handler.poison(poisonedName);
        String poisoned = api.createTenant(poisonedName);
        Await.until(Duration.ofSeconds(20), "poisoned tenant dead-lettered", () -> !deadLetters(poisoned).isEmpty());

        TestApi.Response retry = api.post("/actuator/processors/" + GROUP + "/dead-letters/retry",
                TestApi.ADMIN_KEY, null);

        assertThat(retry.status()).isEqualTo(200);
        assertThat(deadLetters(poisoned)).hasSize(1);
        assertThat(handler.handled(poisoned)).isEmpty();
        handler.cure(poisonedName);
        api.post("/actuator/processors/" + GROUP + "/dead-letters/retry", TestApi.ADMIN_KEY, null);
        assertThat(deadLetters(poisoned)).isEmpty();
    }

    @Test
    void retryingDeadLettersOfAnUnknownProcessorIsA404Problem() {
        TestApi.Response r = api.post("/actuator/processors/no-such/dead-letters/retry", TestApi.ADMIN_KEY, null);
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.contentType()).startsWith("application/problem+json");
    }
}
