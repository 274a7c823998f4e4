package io.p3protocol.command.audit;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.p3protocol.kernel.audit.AuditCheckpointCutEvent;
import io.p3protocol.kernel.audit.AuditCheckpointIds;
import io.p3protocol.kernel.audit.CutAuditCheckpointCommand;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.regex.Pattern;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One Merkle checkpoint of the audit chain, created once and never changed. The root is computed by
 * {@link AuditCheckpointer} from the sealed hashes; this aggregate only records it, so rebuilding it (or any view
 * of it) never computes or cuts a checkpoint. Cutting the same number twice fails in the event store (the stream
 * {@code audit-checkpoint-<n>} already exists), which keeps checkpoints a single line even with several nodes.
 */
@Aggregate
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class AuditCheckpoint {
    private static final Pattern ROOT = Pattern.compile("[0-9a-f]{64}");

    @AggregateIdentifier
    private String checkpointId;

    protected AuditCheckpoint() {
        // for Axon and Jackson
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.ALWAYS)
    public void handle(CutAuditCheckpointCommand command) {
        if (!command.checkpointId().equals(AuditCheckpointIds.of(command.number()))) {
            throw new IllegalArgumentException("checkpoint " + command.number() + " must be "
                    + AuditCheckpointIds.of(command.number()));
        }
        if (command.number() < 1 || command.previousTreeSize() < 0
                || command.treeSize() <= command.previousTreeSize()) {
            throw new IllegalArgumentException("a checkpoint adds leaves: " + command);
        }
        if (!ROOT.matcher(command.root()).matches()) {
            throw new IllegalArgumentException("a root is 64 lower-case hex digits: " + command.root());
        }
        apply(new AuditCheckpointCutEvent(command.checkpointId(), command.number(), command.previousTreeSize(),
                command.treeSize(), command.firstSeq(), command.lastSeq(), command.root(),
                command.anchoringRequested()));
    }

    @EventSourcingHandler
    void on(AuditCheckpointCutEvent event) {
        checkpointId = event.checkpointId();
    }
}
