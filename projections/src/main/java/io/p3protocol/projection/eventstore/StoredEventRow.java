package io.p3protocol.projection.eventstore;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * One {@code domainevententry} row exactly as stored: the payload and metadata are the raw bytes Axon's serializer
 * wrote, never a re-serialized message. The audit chain hashes these bytes and the reports deserialize them.
 *
 * @param globalIndex     the event's position in the global order ({@code globalindex})
 * @param eventId         {@code eventidentifier}
 * @param aggregateId     {@code aggregateidentifier}
 * @param aggregateSeq    {@code sequencenumber} within the aggregate
 * @param aggregateType   {@code type}: the aggregate type, null for events not applied by an aggregate
 * @param payloadType     fully qualified payload class name
 * @param payloadRevision {@code payloadrevision}, usually null
 * @param timestamp       ISO-8601 UTC with exactly three fraction digits, as stored (text order is time order)
 * @param payload         the serialized payload (JSON for the Jackson serializer)
 * @param metadata        the serialized metadata (JSON), or null
 */
public record StoredEventRow(long globalIndex, String eventId, String aggregateId, long aggregateSeq,
                             String aggregateType, String payloadType, String payloadRevision, String timestamp,
                             byte[] payload, byte[] metadata) {

    /** The select list {@link #read} understands, for a {@code domainevententry} aliased as {@code e}. */
    public static final String COLUMNS = "e.globalindex, e.eventidentifier, e.aggregateidentifier, e.sequencenumber,"
            + " e.type, e.payloadtype, e.payloadrevision, e.timestamp, e.payload, e.metadata";

    /**
     * Reads the {@link #COLUMNS} of the current row; null when the row is absent (an outer join found no event,
     * e.g. because it was deleted behind the store's back).
     */
    public static StoredEventRow read(ResultSet rs) throws SQLException {
        long globalIndex = rs.getLong("globalindex");
        if (rs.wasNull()) {
            return null;
        }
        return new StoredEventRow(globalIndex, rs.getString("eventidentifier"), rs.getString("aggregateidentifier"),
                rs.getLong("sequencenumber"), rs.getString("type"), rs.getString("payloadtype"),
                rs.getString("payloadrevision"), rs.getString("timestamp"), rs.getBytes("payload"),
                rs.getBytes("metadata"));
    }

    /** The payload class's simple name: what follows the last {@code .} of {@link #payloadType} ({@code $} kept). */
    public String simpleTypeName() {
        return simpleName(payloadType);
    }

    public static String simpleName(String qualifiedName) {
        return qualifiedName == null ? null : qualifiedName.substring(qualifiedName.lastIndexOf('.') + 1);
    }
}
