package io.p3protocol.projection.audit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.p3protocol.projection.eventstore.EventRowReader;
import io.p3protocol.projection.eventstore.StoredEventRow;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Seals every event into its tenant's hash chain ({@code audit_chain}) as it arrives, in the single-segment,
 * single-threaded processor {@value #PROCESSING_GROUP} (see {@link AuditChainConfiguration}).
 * <p>
 * It hashes the raw stored row (looked up by event id), not the message it was handed, so the export later
 * recomputes exactly the same record from the same bytes. Redelivery is harmless: an event already sealed is
 * skipped. The processor is not replayable ({@link DisallowReplay}, so {@code resetTokens} is refused): the hashes
 * are evidence from the time of sealing, and a replay that re-sealed today's (possibly tampered) rows would launder
 * exactly what the chain exists to detect.
 */
@Component
@ProcessingGroup(AuditChainSealer.PROCESSING_GROUP)
@DisallowReplay
public class AuditChainSealer {
    public static final String PROCESSING_GROUP = "audit-chain";

    private final JdbcTemplate jdbc;
    private final EventRowReader events;

    public AuditChainSealer(JdbcTemplate jdbc, EventRowReader events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    /** Seals {@code event} unless it already is (public so redelivery can be exercised directly). */
    @EventHandler
    public void seal(EventMessage<?> event) {
        StoredEventRow row = events.findByEventId(event.getIdentifier()).orElseThrow(() -> new IllegalStateException(
                "event " + event.getIdentifier() + " was delivered but its stored row is gone"));
        if (isSealed(row.globalIndex())) {
            return;
        }
        String tenantId = AuditRecord.tenantOf(row);
        String prevHash = headOf(tenantId);
        ObjectNode record = AuditRecord.unsealed(row, prevHash);
        jdbc.update("INSERT INTO audit_chain (seq, event_id, tenant_id, prev_hash, hash) VALUES (?, ?, ?, ?, ?)",
                row.globalIndex(), row.eventId(), tenantId, prevHash, AuditRecord.hashOf(record));
    }

    private boolean isSealed(long seq) {
        return !jdbc.queryForList("SELECT 1 FROM audit_chain WHERE seq = ?", Integer.class, seq).isEmpty();
    }

    /** The hash of the tenant's last sealed event (in sealing order), or the genesis hash. */
    private String headOf(String tenantId) {
        List<String> head = tenantId == null
                ? jdbc.queryForList("SELECT hash FROM audit_chain WHERE tenant_id IS NULL"
                + " ORDER BY chain_position DESC LIMIT 1", String.class)
                : jdbc.queryForList("SELECT hash FROM audit_chain WHERE tenant_id = ?"
                + " ORDER BY chain_position DESC LIMIT 1", String.class, tenantId);
        return head.isEmpty() ? AuditRecord.GENESIS : head.get(0);
    }
}
