package io.p3protocol.command.audit;

import io.p3protocol.app.audit.Tampering;
import io.p3protocol.app.support.IntegrationTest;
import io.p3protocol.app.support.TestApi;
import io.p3protocol.command.anchoring.AnchoringSetup;
import io.p3protocol.kernel.crypto.MerkleTree;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import javax.sql.DataSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A scheduled poll first counts only what was sealed after the latest checkpoint, and reads the whole chain only when
 * that makes a cut due; after a checkpoint it cut or verified, a scheduled cut reads only what was sealed since. (In the package of {@link AuditCheckpointer}, whose scheduled entry point is not public; the
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
    @Autowired
    DataSource dataSource;

    private static final HexFormat HEX = HexFormat.of();

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

    @Test
    void aScheduledCutExtendsTheVerifiedTreeWithOnlyWhatWasSealedSince() throws Exception {
        AuditCheckpointer checkpointer = checkpointer(1);
        TestApi api = new TestApi(port);
        String older = api.createTenant("checkpoint-extend-older");
        awaitSealed(older);
        checkpointer.cutNow(); // reads and verifies the whole chain
        String sealed = jdbc.queryForObject("SELECT hash FROM audit_chain WHERE tenant_id = ?", String.class, older);
        String forged = (sealed.charAt(0) == '0' ? "1" : "0") + sealed.substring(1);
        try {
            new Tampering(dataSource).bypassingTriggers("UPDATE audit_chain SET hash = ? WHERE tenant_id = ?", forged,
                    older);
            awaitSealed(api.createTenant("checkpoint-extend-newer"));
            long before = checkpoints();

            checkpointer.cutWhenDue();

            assertThat(checkpoints()).as("the older rows were not read again, so the change went unseen")
                    .isEqualTo(before + 1);
            List<byte[]> asSealed = new ArrayList<>();
            jdbc.query("SELECT tenant_id, hash FROM audit_chain ORDER BY chain_position", rs -> {
                String hash = older.equals(rs.getString(1)) ? sealed : rs.getString(2);
                asSealed.add(MerkleTree.leafHash(HEX.parseHex(hash)));
            });
            Map<String, Object> latest = jdbc.queryForMap(
                    "SELECT tree_size, root FROM audit_checkpoint ORDER BY number DESC LIMIT 1");
            assertThat(latest.get("root")).as("the new root commits to the hash as it was sealed, not as it is now")
                    .isEqualTo(HEX.formatHex(MerkleTree.root(asSealed.subList(0,
                            ((Number) latest.get("tree_size")).intValue()))));

            awaitSealed(api.createTenant("checkpoint-extend-other-node"));
            checkpointer(1).cutWhenDue(); // no verified tree (another node, or after a restart): reads everything

            assertThat(checkpoints()).as("a cut that reads the whole chain refuses the changed one")
                    .isEqualTo(before + 1);
        } finally {
            new Tampering(dataSource).bypassingTriggers("UPDATE audit_chain SET hash = ? WHERE tenant_id = ?", sealed,
                    older);
        }
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
