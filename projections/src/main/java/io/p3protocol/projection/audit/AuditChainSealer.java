package io.p3protocol.projection.audit;

import io.p3protocol.projection.eventstore.EventRowReader;
import io.p3protocol.projection.eventstore.StoredEventRow;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Seals every event into its tenant's hash chain ({@code audit_chain}) as it arrives, in the single-segment,
 * single-threaded processor {@value #PROCESSING_GROUP} (see {@link AuditChainConfiguration}).
 * <p>
 * It hashes the raw stored row (looked up by event id), not the message it was handed, so the export later
 * recomputes exactly the same record from the same bytes. Redelivery is harmless: an event already sealed is
 * skipped. The processor is not replayable ({@link DisallowReplay}, so {@code resetTokens} is refused): the hashes
 * are evidence from the time of sealing, and a replay that re-sealed today's (possibly tampered) rows would launder
 * exactly what the chain exists to detect.
 * <p>
 * Batched: the handler only notes each event's id and position; just before the processor's batch transaction
 * commits, the whole batch is sealed in delivery order with a fixed number of round trips (the rows, which are
 * already sealed, each tenant's chain head, then one batched INSERT), instead of four per event. The rows are read by
 * their position in the JDBC store ({@code globalindex}, the primary key) and checked against the delivered ids; only
 * the rare event found elsewhere (one that filled a gap) is then read by id. By event id alone, a batch's lookups were
 * scattered over the whole unique index and took most of the sealer's time under telemetry load. The chain is the same one a
 * per-event sealer builds: same order, same links, same hashes, in the same transaction as the tracking token.
 * High-volume telemetry made the per-event round trips the bottleneck of the whole write path.
 * <p>
 * After each batch, in the same transaction, {@link AuditGapRecorder} accounts for the global-sequence numbers the
 * batch passed without an event (rolled-back transactions), recording them as verified-empty after the gap timeout.
 */
@Component
@ProcessingGroup(AuditChainSealer.PROCESSING_GROUP)
@DisallowReplay
public class AuditChainSealer {
    public static final String PROCESSING_GROUP = "audit-chain";
    private static final String PENDING = AuditChainSealer.class.getName() + ".pending";

    private final JdbcTemplate jdbc;
    private final EventRowReader events;
    private final AuditGapRecorder gaps;

    public AuditChainSealer(JdbcTemplate jdbc, EventRowReader events, AuditGapRecorder gaps) {
        this.jdbc = jdbc;
        this.events = events;
        this.gaps = gaps;
    }

    /**
     * Seals {@code event} unless it already is: with the rest of its batch when it arrives in a processor's unit of
     * work, at once otherwise (public so redelivery can be exercised directly).
     */
    @EventHandler
    public void seal(EventMessage<?> event) {
        Delivered delivered = Delivered.of(event);
        if (!CurrentUnitOfWork.isStarted()) {
            sealInOrder(List.of(delivered));
            return;
        }
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        Set<Delivered> pending = batch.getOrComputeResource(PENDING, key -> {
            Set<Delivered> events = new LinkedHashSet<>();
            batch.onPrepareCommit(u -> gaps.afterSealing(sealInOrder(List.copyOf(events))));
            return events;
        });
        pending.add(delivered);
    }

    /**
     * An event handed to the sealer: its id, and where it most likely is: the index of its token when it came from
     * the JDBC store's stream ({@link GapAwareTrackingToken}s on {@code globalindex}), {@code null} otherwise. That is
     * the event's own position except for an event that filled a gap, whose token keeps the highest index seen.
     */
    private record Delivered(String eventId, Long globalIndex) {
        static Delivered of(EventMessage<?> event) {
            Long position = event instanceof TrackedEventMessage<?> tracked
                    && tracked.trackingToken() instanceof GapAwareTrackingToken token ? token.getIndex() : null;
            return new Delivered(event.getIdentifier(), position);
        }
    }

    /**
     * Seals the events with these ids, in this order, skipping those already sealed; returns the highest global
     * sequence number among them (0 for none), the position up to which the gap recorder accounts for numbers.
     */
    private long sealInOrder(List<Delivered> delivered) {
        if (delivered.isEmpty()) {
            return 0;
        }
        List<StoredEventRow> ordered = storedRowsOf(delivered);
        Set<Long> sealed = alreadySealed(ordered);
        // Each row's stored JSON is read once: the record gives both the chain (its tenant) and the hashed content.
        List<RecordToSeal> records = ordered.stream().map(RecordToSeal::of).toList();
        Map<String, Head> heads = headsOf(records);
        List<Seal> inserts = new ArrayList<>(ordered.size());
        for (int i = 0; i < ordered.size(); i++) {
            StoredEventRow row = ordered.get(i);
            if (!sealed.add(row.globalIndex())) {
                continue; // sealed before (a redelivery)
            }
            String tenantId = records.get(i).tenantId();
            Head previous = heads.get(tenantId);
            String hash = records.get(i).hash(previous.hash());
            heads.put(tenantId, new Head(hash, row.globalIndex()));
            inserts.add(new Seal(row.globalIndex(), row.eventId(), tenantId, previous.hash(), hash, previous.seq()));
        }
        // one batch, executed in list order: chain_position follows sealing order as before
        jdbc.batchUpdate("INSERT INTO audit_chain (seq, event_id, tenant_id, prev_hash, hash, prev_seq)"
                + " VALUES (?, ?, ?, ?, ?, ?)", new SealBinder(inserts));
        return ordered.stream().mapToLong(StoredEventRow::globalIndex).max().orElse(0);
    }

    /**
     * The stored row of each delivered event, in delivery order; fails if one is gone. Rows are read at the
     * delivered positions first; an event whose position holds another row (one that filled a gap: its token's index
     * is the highest position seen, not its own) or that came without a position is then read by its id.
     */
    private List<StoredEventRow> storedRowsOf(List<Delivered> delivered) {
        List<Long> positions = delivered.stream().map(Delivered::globalIndex).filter(Objects::nonNull).toList();
        Map<Long, StoredEventRow> byPosition = positions.isEmpty() ? Map.of() : events.findByGlobalIndexes(positions);
        List<String> elsewhere = delivered.stream().filter(event -> !isAtItsPosition(event, byPosition))
                .map(Delivered::eventId).toList();
        Map<String, StoredEventRow> byId = elsewhere.isEmpty() ? Map.of() : events.findByEventIds(elsewhere);
        List<StoredEventRow> ordered = new ArrayList<>(delivered.size());
        for (Delivered event : delivered) {
            StoredEventRow row = isAtItsPosition(event, byPosition) ? byPosition.get(event.globalIndex())
                    : byId.get(event.eventId());
            if (row == null) {
                throw new IllegalStateException("event " + event.eventId() + " was delivered but its stored row is gone");
            }
            ordered.add(row);
        }
        return ordered;
    }

    private static boolean isAtItsPosition(Delivered event, Map<Long, StoredEventRow> byPosition) {
        StoredEventRow row = event.globalIndex() == null ? null : byPosition.get(event.globalIndex());
        return row != null && row.eventId().equals(event.eventId());
    }

    private Set<Long> alreadySealed(List<StoredEventRow> rows) {
        Long[] seqs = rows.stream().map(StoredEventRow::globalIndex).toArray(Long[]::new);
        return new HashSet<>(jdbc.queryForList("SELECT seq FROM audit_chain WHERE seq = ANY (?)",
                Long.class, (Object) seqs));
    }

    /** One row of {@code audit_chain}; {@code tenantId} and {@code prevSeq} may be null. */
    private record Seal(long seq, String eventId, String tenantId, String prevHash, String hash, Long prevSeq) {
    }

    /**
     * Binds each seal with typed setters. (The list-of-arrays form of {@code batchUpdate} resolves every value's SQL
     * type and asks the logger whether it traces, once per parameter: 12,000 times per batch of 2000, a noticeable
     * share of the sealer's thread in a profile.)
     */
    private record SealBinder(List<Seal> seals) implements BatchPreparedStatementSetter {
        @Override
        public void setValues(PreparedStatement statement, int i) throws SQLException {
            Seal seal = seals.get(i);
            statement.setLong(1, seal.seq());
            statement.setString(2, seal.eventId());
            statement.setString(3, seal.tenantId());
            statement.setString(4, seal.prevHash());
            statement.setString(5, seal.hash());
            if (seal.prevSeq() == null) {
                statement.setNull(6, Types.BIGINT);
            } else {
                statement.setLong(6, seal.prevSeq());
            }
        }

        @Override
        public int getBatchSize() {
            return seals.size();
        }
    }

    /**
     * The end of a chain: the hash the next record links to, and the position ({@code seq}) of the record that holds
     * it, {@code null} before a chain's first record. The next record stores that position as {@code prev_seq},
     * which is unique: two records can never follow the same one, so a chain cannot fork (docs/audit.md).
     */
    private record Head(String hash, Long seq) {
        static final Head GENESIS = new Head(AuditRecord.GENESIS, null);
    }

    /** The stored head of each record's chain (the genesis for a new chain), with one query per batch. */
    private Map<String, Head> headsOf(List<RecordToSeal> records) {
        Map<String, Head> heads = new HashMap<>();
        String[] named = records.stream().map(RecordToSeal::tenantId).filter(Objects::nonNull).distinct()
                .toArray(String[]::new);
        if (named.length > 0) {
            jdbc.query("""
                    SELECT t.tenant_id, h.hash, h.seq
                    FROM unnest(?::text[]) AS t(tenant_id)
                    LEFT JOIN LATERAL (SELECT c.hash, c.seq FROM audit_chain c WHERE c.tenant_id = t.tenant_id
                                       ORDER BY c.chain_position DESC LIMIT 1) h ON true""", rs -> {
                heads.put(rs.getString("tenant_id"), headOf(rs.getString("hash"), rs.getLong("seq")));
            }, (Object) named);
        }
        if (records.stream().anyMatch(record -> record.tenantId() == null)) {
            heads.put(null, jdbc.query("SELECT hash, seq FROM audit_chain WHERE tenant_id IS NULL"
                            + " ORDER BY chain_position DESC LIMIT 1",
                    rs -> rs.next() ? headOf(rs.getString("hash"), rs.getLong("seq")) : Head.GENESIS));
        }
        return heads;
    }

    private static Head headOf(String hash, long seq) {
        return hash == null ? Head.GENESIS : new Head(hash, seq);
    }
}
