package io.p3protocol.command.audit;

import io.p3protocol.app.support.IntegrationTest;
import io.p3protocol.app.support.TestApi;
import io.p3protocol.command.anchoring.AnchoringSetup;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A scheduled poll first counts only what was sealed after the latest checkpoint, and reads the whole chain only when
 * that makes a cut due. (In the package of {@link AuditCheckpointer}, whose scheduled entry point is not public; the
 * test profile turns its schedule off, so the checkpointers here are the test's own, with their own thresholds.)
 */
@IntegrationTest
class AuditCheckpointPollTest {
    private static final long NEVER_BY_TIME = 1_000_000; // minutes

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    CommandGateway commands;
    @Autowired
    AnchoringSetup anchoring;

    @Test
    void aPollCutsOnlyOnceEnoughEventsWereSealedSinceTheLatestCheckpoint() throws InterruptedException {
        AuditCheckpointer everyThousandEvents = checkpointer(1000);
        AuditCheckpointer everyEvent = checkpointer(1);
        TestApi api = new TestApi(port);
        awaitSealed(api.createTenant("checkpoint-poll-before"));
        everyThousandEvents.cutNow(); // the latest checkpoint covers everything sealed so far
        String tenant = api.createTenant("checkpoint-poll");
        awaitSealed(tenant);
        long before = checkpoints();

        everyThousandEvents.cutWhenDue();
        assertThat(checkpoints()).as("one new sealed event is not 1000").isEqualTo(before);

        everyEvent.cutWhenDue();
        assertThat(checkpoints()).as("one new sealed event is enough for a checkpoint every event").isEqualTo(before + 1);
        assertThat(jdbc.queryForObject("SELECT tree_size FROM audit_checkpoint ORDER BY number DESC LIMIT 1",
                Long.class)).isGreaterThanOrEqualTo(jdbc.queryForObject(
                "SELECT count(*) FROM audit_chain WHERE chain_position <= (SELECT chain_position FROM audit_chain"
                        + " WHERE tenant_id = ? ORDER BY chain_position DESC LIMIT 1)", Long.class, tenant));
    }

    private AuditCheckpointer checkpointer(long everyEvents) {
        return new AuditCheckpointer(jdbc, transactions, commands, anchoring, everyEvents, NEVER_BY_TIME);
    }

    private long checkpoints() {
        return jdbc.queryForObject("SELECT count(*) FROM audit_checkpoint", Long.class);
    }

    private void awaitSealed(String tenant) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (jdbc.queryForObject("SELECT count(*) FROM audit_chain WHERE tenant_id = ?", Long.class, tenant) == 0) {
            assertThat(Instant.now()).as("the tenant's event is sealed within 10 s").isBefore(deadline);
            Thread.sleep(20);
        }
    }
}
