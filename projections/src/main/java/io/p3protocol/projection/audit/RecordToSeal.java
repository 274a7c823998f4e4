package io.p3protocol.projection.audit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.p3protocol.projection.eventstore.StoredEventRow;

/**
 * A stored event's audit record waiting for its chain's previous hash: its chain (the tenant) is known at once, its
 * hash only once the chain's previous record is sealed. Written token by token ({@link StreamedRecord}) where that
 * covers the event's shape, as a JSON tree ({@link AuditRecord}) otherwise; the hash is the same either way.
 */
final class RecordToSeal {
    private static final ThreadLocal<StreamedRecord> WRITERS = ThreadLocal.withInitial(StreamedRecord::new);

    private final String tenantId;
    private final StreamedRecord.Parts streamed;
    private final ObjectNode tree;

    private RecordToSeal(String tenantId, StreamedRecord.Parts streamed, ObjectNode tree) {
        this.tenantId = tenantId;
        this.streamed = streamed;
        this.tree = tree;
    }

    static RecordToSeal of(StoredEventRow row) {
        StreamedRecord.Parts parts = WRITERS.get().write(row);
        if (parts != null) {
            return new RecordToSeal(parts.tenantId(), parts, null);
        }
        ObjectNode record = AuditRecord.unsealed(row, null);
        return new RecordToSeal(AuditRecord.tenantOfRecord(record), null, record);
    }

    /** The chain the record belongs to (null for events of no tenant). */
    String tenantId() {
        return tenantId;
    }

    /** {@code SHA-256(prevHash ‖ canonical record)} with {@code prevHash} as the record's {@code prevHash}. */
    String hash(String prevHash) {
        if (streamed != null) {
            return streamed.hash(prevHash);
        }
        tree.put(AuditRecord.PREV_HASH, prevHash);
        return AuditRecord.hashOf(tree);
    }
}
