package io.p3protocol.projection.eventstore;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The one place that reads raw event rows: the audit sealer (a batch's rows by position, inside its processing
 * transaction),
 * the audit export (joined with the chain, through {@link StoredEventRow#COLUMNS}) and the replayed reports (every
 * row up to an instant, through a {@link SnapshotCursor}).
 */
@Component
public class EventRowReader {
    private final JdbcTemplate jdbc;
    private final SnapshotCursor cursor;

    public EventRowReader(JdbcTemplate jdbc, SnapshotCursor cursor) {
        this.jdbc = jdbc;
        this.cursor = cursor;
    }

    /** The stored row of one event, read in the caller's transaction. */
    public Optional<StoredEventRow> findByEventId(String eventId) {
        List<StoredEventRow> rows = jdbc.query("SELECT " + StoredEventRow.COLUMNS
                + " FROM domainevententry e WHERE e.eventidentifier = ?", (rs, i) -> StoredEventRow.read(rs), eventId);
        return rows.stream().findFirst();
    }

    /**
     * The stored rows of several events, by event id, read in the caller's transaction with one query. Ids with no
     * row are simply absent from the map.
     */
    public Map<String, StoredEventRow> findByEventIds(Collection<String> eventIds) {
        return rowsWhereAny("eventidentifier", eventIds.toArray(String[]::new), StoredEventRow::eventId);
    }

    /**
     * The stored rows at several global positions ({@code globalindex}), read in the caller's transaction with one
     * query on the primary key. A batch of a tracking processor sits in a few adjacent index pages, where the same
     * batch looked up by its (random) event ids touches a page per event. Positions with no row are absent.
     */
    public Map<Long, StoredEventRow> findByGlobalIndexes(Collection<Long> globalIndexes) {
        return rowsWhereAny("globalindex", globalIndexes.toArray(Long[]::new), StoredEventRow::globalIndex);
    }

    /** The rows whose {@code column} is one of {@code values} (one query), keyed by {@code key}. */
    private <K> Map<K, StoredEventRow> rowsWhereAny(String column, Object[] values,
                                                    Function<StoredEventRow, K> key) {
        Map<K, StoredEventRow> rows = new HashMap<>(values.length * 2);
        jdbc.query("SELECT " + StoredEventRow.COLUMNS + " FROM domainevententry e WHERE e." + column + " = ANY (?)",
                rs -> {
                    StoredEventRow row = StoredEventRow.read(rs);
                    rows.put(key.apply(row), row);
                }, (Object) values);
        return rows;
    }

    /**
     * Hands every row whose timestamp is at or before {@code upToTimestamp} to {@code rows}, in global order, from
     * one read-only snapshot and in constant memory. The bound is compared as text, which is time order because
     * Axon stores ISO-8601 UTC with exactly three fraction digits (format it with
     * {@link org.axonframework.common.DateTimeUtils#formatInstant}).
     */
    public void streamUpTo(String upToTimestamp, Consumer<StoredEventRow> rows) {
        cursor.stream("SELECT " + StoredEventRow.COLUMNS + " FROM domainevententry e WHERE e.timestamp <= ?"
                + " ORDER BY e.globalindex", new Object[]{upToTimestamp}, rs -> rows.accept(StoredEventRow.read(rs)));
    }
}
