package io.p3protocol.command.audit;

import io.p3protocol.command.anchoring.AnchoringSetup;
import io.p3protocol.kernel.anchoring.RequestAnchorCommand;
import io.p3protocol.kernel.audit.AuditCheckpointIds;
import io.p3protocol.kernel.audit.CutAuditCheckpointCommand;
import io.p3protocol.kernel.crypto.MerkleFrontier;
import io.p3protocol.kernel.crypto.MerkleTree;
import io.p3protocol.kernel.errors.DomainRuleViolation;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Cuts Merkle checkpoints of the audit chain (docs/audit.md): every {@code p3.audit.checkpoint.every-events} newly
 * sealed events, or after {@code every-minutes} when at least one event is new, and on demand
 * ({@code POST /api/audit/checkpoints}).
 * <p>
 * The tree's leaves are the sealed hashes of {@code audit_chain} in sealing order ({@code chain_position}), from the
 * very first sealed event, so any two checkpoints are linked by a consistency proof. Sealing order, not {@code seq}
 * order: a late-committed event with a lower {@code seq} is sealed (and appended to the tree) after its successor,
 * so an existing tree never has to change. Leaf {@code i} is the 32 bytes of the i-th sealed hash.
 * <p>
 * A new checkpoint can never launder tampering, in one of two ways:
 * <ul>
 *   <li>a cut that reads the whole chain (an explicit cut, and a node's first scheduled cut) recomputes the previous
 *       checkpoint's root from today's rows and refuses when they no longer match (a sealed hash was changed or
 *       removed);</li>
 *   <li>a scheduled cut after a checkpoint this node cut or verified extends that checkpoint's tree, held here as a
 *       {@link MerkleFrontier}, with only the hashes sealed since: its root commits to the hashes as they were
 *       verified, whatever the older rows say today. A cut then costs what was sealed since the previous one, not the
 *       whole chain, which under load grew every 30 s. Changed older rows are named by the integrity check and fail
 *       their proofs against every checkpoint, the new ones included.</li>
 * </ul>
 * Checkpoints are cut by this component only, never by an event handler, so replays cannot create any.
 */
@Component
public class AuditCheckpointer {
    private static final Logger log = LoggerFactory.getLogger(AuditCheckpointer.class);
    private static final HexFormat HEX = HexFormat.of();

    private final JdbcTemplate jdbc;
    private final TransactionTemplate snapshot;
    private final CommandGateway commands;
    private final AnchoringSetup anchoring;
    private final CheckpointSchedule schedule;
    private final Clock clock;
    private volatile boolean stopping;
    private Verified verified; // read and written under the lock of cut()

    public AuditCheckpointer(JdbcTemplate jdbc, PlatformTransactionManager transactions, CommandGateway commands,
                             AnchoringSetup anchoring,
                             @Value("${p3.audit.checkpoint.every-events:1000}") long everyEvents,
                             @Value("${p3.audit.checkpoint.every-minutes:10}") long everyMinutes) {
        this.jdbc = jdbc;
        this.snapshot = new TransactionTemplate(transactions);
        snapshot.setReadOnly(true);
        snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.commands = commands;
        this.anchoring = anchoring;
        this.schedule = new CheckpointSchedule(everyEvents, Duration.ofMinutes(everyMinutes));
        this.clock = Clock.systemUTC();
    }

    /** A checkpoint as cut (or the latest one, when {@code created} is false because nothing new was sealed). */
    public record Cut(long number, long treeSize, long firstSeq, long lastSeq, String root,
                      boolean anchoringRequested, boolean created) {
    }

    private record Latest(long number, long treeSize, long firstSeq, long lastSeq, String root,
                          boolean anchoringRequested, Instant createdAt) {
    }

    /** The tree of checkpoint {@code number}, whose last leaf is the row at {@code lastChainPosition}. */
    private record Verified(long number, String root, MerkleFrontier tree, long lastChainPosition) {
        boolean isOf(Latest latest) {
            return number == latest.number() && root.equals(latest.root()) && tree.size() == latest.treeSize();
        }
    }

    /**
     * The leaves a cut covers, added in sealing order: the tree of every sealed hash, the previous checkpoint's tree
     * as the rows gave it (null when the rows are fewer than that checkpoint covers), and the bounds of what is new
     * since.
     */
    private static final class Leaves {
        final MerkleFrontier tree;
        final long previousSize;
        MerkleFrontier previousTree;
        long previousLastChainPosition;
        Instant firstSealedAt;
        long firstNewSeq;
        long lastSeq;
        long lastChainPosition;

        /** Every sealed hash, read from the first. */
        Leaves(long previousSize) {
            this.tree = new MerkleFrontier();
            this.previousSize = previousSize;
        }

        /** A verified tree, extended with what was sealed after it. */
        Leaves(Verified verified) {
            this.tree = verified.tree().copy();
            this.previousSize = tree.size();
            this.previousTree = verified.tree();
            this.previousLastChainPosition = verified.lastChainPosition();
            this.lastChainPosition = verified.lastChainPosition();
        }

        void add(long seq, byte[] sealedHash, Instant sealedAt, long chainPosition) {
            if (tree.size() == 0) {
                firstSealedAt = sealedAt;
            }
            if (tree.size() == previousSize) {
                firstNewSeq = seq;
            }
            tree.add(MerkleTree.leafHash(sealedHash));
            lastSeq = seq;
            lastChainPosition = chainPosition;
            if (tree.size() == previousSize) {
                previousTree = tree.copy();
                previousLastChainPosition = chainPosition;
            }
        }

        long size() {
            return tree.size();
        }
    }

    @Scheduled(initialDelayString = "${p3.audit.checkpoint.poll-interval:30s}",
            fixedDelayString = "${p3.audit.checkpoint.poll-interval:30s}")
    void cutWhenDue() {
        if (stopping) {
            return;
        }
        try {
            cut(false);
            requestMissingAnchors();
        } catch (AggregateStreamCreationException | ConcurrencyException e) {
            log.info("Another node cut the same audit checkpoint first: {}", e.getMessage());
        } catch (RuntimeException e) {
            if (stopping) {
                // the command handlers went away under a cut in progress; the next start's first poll cuts it
                log.info("Audit checkpoint not cut: the service is stopping ({})", e.getMessage());
            } else {
                log.error("Audit checkpoint not cut: {}", e.getMessage(), e);
            }
        }
    }

    /**
     * No scheduled cut once the application context closes: its scheduler can still fire after Axon has
     * unsubscribed the command handlers, and the cut then failed with an ERROR on every ordinary shutdown.
     */
    @EventListener(ContextClosedEvent.class)
    void stopCutting() {
        stopping = true;
    }

    /** Cuts a checkpoint over everything sealed now; the latest one (created false) when nothing new was sealed. */
    public Cut cutNow() {
        return cut(true).orElseThrow(() -> new DomainRuleViolation("nothing_sealed",
                "No event has been sealed into the audit chain yet, so there is nothing to checkpoint."));
    }

    private synchronized Optional<Cut> cut(boolean now) {
        Optional<Latest> latest = latest();
        OptionalLong sealedSince = latest.map(this::sealedSince).orElse(OptionalLong.empty());
        if (!now && sealedSince.isPresent()
                && !schedule.isDue(sealedSince.getAsLong(), latest.get().createdAt(), clock.instant())) {
            return Optional.empty();
        }
        boolean extending = !now && sealedSince.isPresent() && verified != null && verified.isOf(latest.get());
        Leaves leaves = snapshot.execute(tx -> extending ? sealedAfter(verified)
                : wholeChain(latest.map(Latest::treeSize).orElse(0L)));
        long previousSize = leaves.previousSize;
        if (leaves.previousTree != null) { // null with no checkpoint yet, or fewer rows than the latest one covers
            String recomputed = HEX.formatHex(leaves.previousTree.root());
            if (!recomputed.equals(latest.get().root())) {
                throw new DomainRuleViolation("audit_chain_inconsistent", "The sealed audit chain no longer matches "
                        + "checkpoint " + latest.get().number() + " (its first " + previousSize + " hashes now give root "
                        + recomputed + "): a sealed hash was changed or removed. No new checkpoint is cut.");
            }
            verified = new Verified(latest.get().number(), latest.get().root(), leaves.previousTree,
                    leaves.previousLastChainPosition);
        }
        if (leaves.size() <= previousSize) { // nothing new, or rows were removed (fewer than the checkpoint covers)
            return latest.map(l -> new Cut(l.number(), l.treeSize(), l.firstSeq(), l.lastSeq(), l.root(),
                    l.anchoringRequested(), false));
        }
        if (!now && !due(latest, leaves)) {
            return Optional.empty();
        }
        long number = latest.map(Latest::number).orElse(0L) + 1;
        String root = HEX.formatHex(leaves.tree.root());
        long treeSize = leaves.size();
        boolean anchor = anchoring.configured();
        commands.sendAndWait(new CutAuditCheckpointCommand(AuditCheckpointIds.of(number), number, previousSize,
                treeSize, leaves.firstNewSeq, leaves.lastSeq, root, anchor));
        verified = new Verified(number, root, leaves.tree, leaves.lastChainPosition);
        log.info("Audit checkpoint {} cut: {} leaves, seq {}..{}, root {}", number, treeSize, leaves.firstNewSeq,
                leaves.lastSeq, root);
        if (anchor) {
            requestAnchor(number, root, treeSize, leaves.firstNewSeq, leaves.lastSeq);
        }
        return Optional.of(new Cut(number, treeSize, leaves.firstNewSeq, leaves.lastSeq, root, anchor, true));
    }

    /**
     * How many hashes were sealed after the latest checkpoint's last leaf (an index range on {@code chain_position}),
     * which tells a scheduled poll, without reading the chain, whether a cut is due. Reading and hashing every sealed
     * hash on every poll made an idle service's polls grow with its chain. Empty when that leaf's row is gone: the
     * poll then reads the whole chain as an explicit cut does, which refuses (the chain no longer matches the
     * checkpoint).
     */
    private OptionalLong sealedSince(Latest latest) {
        List<Long> sealedSince = jdbc.queryForList("""
                SELECT (SELECT count(*) FROM audit_chain c WHERE c.chain_position > l.chain_position)
                FROM audit_chain l WHERE l.seq = ?""", Long.class, latest.lastSeq());
        return sealedSince.isEmpty() ? OptionalLong.empty() : OptionalLong.of(sealedSince.get(0));
    }

    private boolean due(Optional<Latest> latest, Leaves leaves) {
        Instant since = latest.map(Latest::createdAt).orElse(leaves.firstSealedAt);
        return schedule.isDue(leaves.size() - leaves.previousSize, since, clock.instant());
    }

    /**
     * Anchoring is idempotent per root, so a request lost between the cut and the anchor command (a crash) is simply
     * sent again on the next run.
     */
    private void requestMissingAnchors() {
        if (!anchoring.configured()) {
            return;
        }
        jdbc.query("""
                SELECT c.number, c.root, c.tree_size, c.first_seq, c.last_seq FROM audit_checkpoint c
                WHERE c.anchoring_requested
                  AND NOT EXISTS (SELECT 1 FROM anchor_view a WHERE a.root = '0x' || c.root)
                ORDER BY c.number""", rs -> {
            requestAnchor(rs.getLong("number"), rs.getString("root"), rs.getLong("tree_size"),
                    rs.getLong("first_seq"), rs.getLong("last_seq"));
        });
    }

    private void requestAnchor(long number, String root, long treeSize, long firstSeq, long lastSeq) {
        commands.sendAndWait(new RequestAnchorCommand("0x" + root, treeSize, anchorMeta(number, firstSeq, lastSeq)));
    }

    /** The on-chain label of checkpoint {@code number}. */
    public static String anchorMeta(long number, long firstSeq, long lastSeq) {
        return "p3-audit-checkpoint " + number + " [" + firstSeq + ".." + lastSeq + "]";
    }

    private Optional<Latest> latest() {
        return jdbc.query("SELECT * FROM audit_checkpoint ORDER BY number DESC LIMIT 1", (rs, row) -> new Latest(
                rs.getLong("number"), rs.getLong("tree_size"), rs.getLong("first_seq"), rs.getLong("last_seq"),
                rs.getString("root"), rs.getBoolean("anchoring_requested"),
                rs.getTimestamp("created_at").toInstant())).stream().findFirst();
    }

    /**
     * Every sealed hash, in sealing order, from one snapshot (the sealer appends in that order, one batch at a time),
     * streamed into the tree: memory stays O(log n) however long the chain.
     */
    private Leaves wholeChain(long previousSize) {
        Leaves leaves = new Leaves(previousSize);
        readInto(leaves, "SELECT seq, hash, sealed_at, chain_position FROM audit_chain ORDER BY chain_position");
        return leaves;
    }

    /** The hashes sealed after a verified tree's last leaf, added to a copy of it. */
    private Leaves sealedAfter(Verified tree) {
        Leaves leaves = new Leaves(tree);
        readInto(leaves, "SELECT seq, hash, sealed_at, chain_position FROM audit_chain WHERE chain_position > "
                + tree.lastChainPosition() + " ORDER BY chain_position");
        return leaves;
    }

    private void readInto(Leaves leaves, String sql) {
        jdbc.query(con -> {
            var statement = con.prepareStatement(sql);
            statement.setFetchSize(10_000);
            return statement;
        }, rs -> {
            leaves.add(rs.getLong(1), HEX.parseHex(rs.getString(2)), rs.getTimestamp(3).toInstant(), rs.getLong(4));
        });
    }
}
