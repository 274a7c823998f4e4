package io.p3protocol.query.audit;

import io.p3protocol.kernel.anchoring.AnchorSummary;
import io.p3protocol.kernel.anchoring.FindAnchor;
import io.p3protocol.kernel.crypto.MerkleTree;
import io.p3protocol.kernel.errors.DomainRuleViolation;
import io.p3protocol.kernel.errors.UnknownAggregate;
import io.p3protocol.kernel.security.Caller;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Inclusion proofs of sealed events and consistency proofs between checkpoints (RFC 6962), computed from the sealed
 * hashes in {@code audit_chain} as they are now. A hash changed after a checkpoint therefore gives a proof that no
 * longer verifies against that checkpoint's root: that is the point.
 */
@Component
public class AuditProofs {
    private static final HexFormat HEX = HexFormat.of();

    private final JdbcTemplate jdbc;
    private final TransactionTemplate snapshot;
    private final QueryGateway queries;

    public AuditProofs(JdbcTemplate jdbc, PlatformTransactionManager transactions, QueryGateway queries) {
        this.jdbc = jdbc;
        this.snapshot = new TransactionTemplate(transactions);
        snapshot.setReadOnly(true);
        snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.queries = queries;
    }

    public record InclusionProof(String eventId, long seq, long leafIndex, String leafHash,
                                 AuditCheckpointView checkpoint, List<String> path) {
    }

    public record CheckpointRef(long id, long treeSize, String root) {
    }

    public record ConsistencyProof(CheckpointRef from, CheckpointRef to, List<String> proof) {
    }

    /** The proof of {@code eventId}'s sealed hash against the smallest checkpoint covering it. */
    public InclusionProof inclusion(String eventId, Caller caller) {
        InclusionProof proof = snapshot.execute(tx -> {
            Map<String, Object> sealed = jdbc.queryForList(
                    "SELECT seq, tenant_id, hash, chain_position FROM audit_chain WHERE event_id = ?", eventId)
                    .stream().findFirst().orElse(null);
            // another tenant's event is reported exactly like an unknown one
            if (sealed == null || !caller.canAccessTenant((String) sealed.get("tenant_id"))) {
                throw new UnknownAggregate("audit_event_not_found", "no sealed event " + eventId);
            }
            long leafIndex = jdbc.queryForObject("SELECT count(*) FROM audit_chain WHERE chain_position < ?",
                    Long.class, sealed.get("chain_position"));
            Row checkpoint = jdbc.query("SELECT * FROM audit_checkpoint WHERE tree_size > ? ORDER BY tree_size LIMIT 1",
                    AuditProofs::row, leafIndex).stream().findFirst().orElseThrow(() -> new DomainRuleViolation(
                    "not_checkpointed_yet", "Event " + eventId + " is sealed (leaf " + leafIndex
                    + ") but no checkpoint covers it yet; one is cut every few minutes or on POST /api/audit/checkpoints."));
            List<byte[]> leaves = leafHashes(checkpoint.treeSize());
            List<String> path = MerkleTree.inclusionProof((int) leafIndex, leaves).stream().map(HEX::formatHex).toList();
            return new InclusionProof(eventId, ((Number) sealed.get("seq")).longValue(), leafIndex,
                    HEX.formatHex(leaves.get((int) leafIndex)), checkpoint.view(null), path);
        });
        return new InclusionProof(proof.eventId(), proof.seq(), proof.leafIndex(), proof.leafHash(),
                withAnchor(proof.checkpoint()), proof.path());
    }

    /** The proof that checkpoint {@code from}'s tree is a prefix of checkpoint {@code to}'s. */
    public ConsistencyProof consistency(long from, long to) {
        return snapshot.execute(tx -> {
            Row older = checkpointRow(from);
            Row newer = checkpointRow(to);
            if (older.treeSize() > newer.treeSize()) {
                throw io.p3protocol.kernel.errors.InvalidInput.of("from",
                        "must be a checkpoint no later than 'to' (a consistency proof goes from the older to the newer)");
            }
            List<byte[]> leaves = leafHashes(newer.treeSize());
            List<String> proof = MerkleTree.consistencyProof((int) older.treeSize(), leaves).stream()
                    .map(HEX::formatHex).toList();
            return new ConsistencyProof(new CheckpointRef(older.number(), older.treeSize(), older.root()),
                    new CheckpointRef(newer.number(), newer.treeSize(), newer.root()), proof);
        });
    }

    public AuditCheckpointView checkpoint(long number) {
        return withAnchor(checkpointRow(number).view(null));
    }

    /** The most recent checkpoints first, at most {@code limit}. */
    public List<AuditCheckpointView> checkpoints(int limit) {
        return jdbc.query("SELECT * FROM audit_checkpoint ORDER BY number DESC LIMIT ?", AuditProofs::row, limit)
                .stream().map(r -> withAnchor(r.view(null))).toList();
    }

    private Row checkpointRow(long number) {
        return jdbc.query("SELECT * FROM audit_checkpoint WHERE number = ?", AuditProofs::row, number).stream()
                .findFirst().orElseThrow(() -> new UnknownAggregate("checkpoint_not_found", "no checkpoint " + number));
    }

    private AuditCheckpointView withAnchor(AuditCheckpointView view) {
        if (view.anchoring().equals(AuditCheckpointView.NOT_CONFIGURED)) {
            return view;
        }
        AnchorSummary anchor = queries.query(new FindAnchor("0x" + view.root()), AnchorSummary.class).join();
        return new AuditCheckpointView(view.id(), view.treeSize(), view.firstSeq(), view.lastSeq(), view.root(),
                view.createdAt(), anchor == null ? "requested" : anchor.status().name(), anchor);
    }

    /** The leaf hashes of the first {@code treeSize} sealed events, in sealing order. */
    private List<byte[]> leafHashes(long treeSize) {
        List<byte[]> leaves = new ArrayList<>((int) treeSize);
        jdbc.query(con -> {
            var statement = con.prepareStatement("SELECT hash FROM audit_chain ORDER BY chain_position LIMIT ?");
            statement.setLong(1, treeSize);
            statement.setFetchSize(10_000);
            return statement;
        }, rs -> {
            leaves.add(MerkleTree.leafHash(HEX.parseHex(rs.getString(1))));
        });
        if (leaves.size() != treeSize) {
            // a sealed row was deleted: the tree cannot even be rebuilt to the checkpoint's size
            throw new DomainRuleViolation("audit_chain_inconsistent", "The audit chain holds " + leaves.size()
                    + " sealed events, fewer than the " + treeSize + " a checkpoint covers: sealed rows were removed.");
        }
        return leaves;
    }

    private record Row(long number, long treeSize, long firstSeq, long lastSeq, String root, boolean anchoringRequested,
                       java.time.Instant createdAt) {
        AuditCheckpointView view(AnchorSummary anchor) {
            return new AuditCheckpointView(number, treeSize, firstSeq, lastSeq, root, createdAt,
                    anchoringRequested ? "requested" : AuditCheckpointView.NOT_CONFIGURED, anchor);
        }
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        return new Row(rs.getLong("number"), rs.getLong("tree_size"), rs.getLong("first_seq"), rs.getLong("last_seq"),
                rs.getString("root"), rs.getBoolean("anchoring_requested"), rs.getTimestamp("created_at").toInstant());
    }

    static Optional<Long> parseId(String text) {
        try {
            long id = Long.parseLong(text);
            return id >= 1 ? Optional.of(id) : Optional.empty();
        } catch (NumberFormatException | NullPointerException e) {
            return Optional.empty();
        }
    }
}
