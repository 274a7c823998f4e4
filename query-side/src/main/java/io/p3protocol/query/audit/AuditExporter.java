package io.p3protocol.query.audit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.p3protocol.projection.audit.AuditRecord;
import io.p3protocol.projection.eventstore.SnapshotCursor;
import io.p3protocol.projection.eventstore.StoredEventRow;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Streams the sealed chain joined with the stored events, in chain order, from one read-only snapshot through a
 * cursor (constant memory, whatever the size). The join is an outer one: a sealed event whose row has been deleted
 * still appears, with null event fields, so its recomputed hash fails and verification names it.
 * <p>
 * Range filters select a contiguous slice of the chain, so an export of any range still verifies on its own:
 * {@code fromSeq} starts at the first record sealed with {@code seq ≥ fromSeq}; {@code from}/{@code to} start at
 * the first record sealed with {@code timestamp ≥ from} and end at the last sealed with {@code timestamp ≤ to}.
 * While events are committed in {@code seq} order (almost always) this is exactly the plain range; an event that
 * PostgreSQL committed late sits where it was sealed. {@code types} picks single records out of the chain, so such
 * an export only verifies record by record (see {@link AuditVerifier}).
 */
@Component
public class AuditExporter {
    private final SnapshotCursor cursor;

    public AuditExporter(SnapshotCursor cursor) {
        this.cursor = cursor;
    }

    /** Writes every selected record to {@code out}, then finishes it. */
    public void export(AuditExportFilter filter, AuditRecordWriter out) {
        List<Object> args = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT c.seq AS chain_seq, c.event_id AS chain_event_id,"
                + " c.tenant_id AS chain_tenant_id, c.prev_hash, c.hash, " + StoredEventRow.COLUMNS
                + " FROM audit_chain c LEFT JOIN domainevententry e ON e.globalindex = c.seq WHERE TRUE");
        if (filter.tenantId() != null) {
            sql.append(" AND c.tenant_id = ?");
            args.add(filter.tenantId());
        }
        if (filter.fromSeq() != null) {
            sql.append(" AND c.chain_position >= (SELECT min(a.chain_position) FROM audit_chain a WHERE a.seq >= ?)");
            args.add(filter.fromSeq());
        }
        if (filter.from() != null) {
            sql.append(" AND c.chain_position >= (SELECT min(a.chain_position) FROM audit_chain a"
                    + " JOIN domainevententry d ON d.globalindex = a.seq WHERE d.timestamp >= ?)");
            args.add(filter.from());
        }
        if (filter.to() != null) {
            sql.append(" AND c.chain_position <= (SELECT max(a.chain_position) FROM audit_chain a"
                    + " JOIN domainevententry d ON d.globalindex = a.seq WHERE d.timestamp <= ?)");
            args.add(filter.to());
        }
        if (!filter.types().isEmpty()) {
            // the simple name: what follows the last '.' of the payload class (StoredEventRow#simpleTypeName)
            sql.append(" AND substring(e.payloadtype from '[^.]*$') = ANY (?)");
            args.add(filter.types().toArray(String[]::new));
        }
        sql.append(" ORDER BY c.chain_position");
        try {
            out.begin();
            cursor.stream(sql.toString(), args.toArray(), rs -> {
                StoredEventRow row = StoredEventRow.read(rs);
                String prevHash = rs.getString("prev_hash");
                ObjectNode record = row != null
                        ? AuditRecord.unsealed(row, prevHash)
                        : AuditRecord.unsealedMissing(rs.getLong("chain_seq"), rs.getString("chain_event_id"),
                        rs.getString("chain_tenant_id"), prevHash);
                record.put(AuditRecord.HASH, rs.getString("hash"));
                try {
                    out.write(record);
                } catch (IOException e) {
                    throw new UncheckedIOException(e); // the client went away: stop reading, roll back
                }
            });
            out.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
