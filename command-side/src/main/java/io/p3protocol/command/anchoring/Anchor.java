package io.p3protocol.command.anchoring;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.p3protocol.kernel.anchoring.AnchorConfirmedEvent;
import io.p3protocol.kernel.anchoring.AnchorFailedEvent;
import io.p3protocol.kernel.anchoring.AnchorRequestOutcome;
import io.p3protocol.kernel.anchoring.AnchorRequestedEvent;
import io.p3protocol.kernel.anchoring.AnchorStatus;
import io.p3protocol.kernel.anchoring.AnchorSubmittedEvent;
import io.p3protocol.kernel.anchoring.ConfirmAnchorCommand;
import io.p3protocol.kernel.anchoring.RecordAnchorFailureCommand;
import io.p3protocol.kernel.anchoring.RecordAnchorSubmissionCommand;
import io.p3protocol.kernel.anchoring.RequestAnchorCommand;
import io.p3protocol.kernel.errors.DomainRuleViolation;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.Objects;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The anchoring of one Merkle root, keyed by the root: requested, submitted (a transaction hash on a chain),
 * confirmed (block and depth) or failed (a reason). It only records what the chain said: the transactions are sent
 * and watched by {@link AnchorSubmitter} and {@link AnchorConfirmationPoller}, which are never replayed, so
 * rebuilding this aggregate or any view of it never sends a transaction.
 */
@Aggregate
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class Anchor {
    @AggregateIdentifier
    private String root;
    private long count;
    private String meta;
    private AnchorStatus status;
    private int attempt;
    private String txHash;

    protected Anchor() {
        // for Axon and Jackson
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public AnchorRequestOutcome handle(RequestAnchorCommand command) {
        if (status != null && (count != command.count() || !Objects.equals(meta, command.meta()))) {
            throw new DomainRuleViolation("anchor_conflict", "Root " + command.root()
                    + " was already requested with count " + count + " and other meta; a root is anchored once.");
        }
        if (status == null || status == AnchorStatus.FAILED) {
            apply(new AnchorRequestedEvent(command.root(), command.count(), command.meta(), attempt + 1));
            return new AnchorRequestOutcome(command.root(), AnchorStatus.REQUESTED, true);
        }
        return new AnchorRequestOutcome(command.root(), status, false);
    }

    @CommandHandler
    public void handle(RecordAnchorSubmissionCommand command) {
        if (command.txHash().equals(txHash) || status == AnchorStatus.CONFIRMED) {
            return; // told again what is already known
        }
        // A transaction sent for this root can lose a race with another anchor of the same root: the registry
        // reverts it, and the earlier anchor found on chain replaces it.
        boolean replacesLostRace = status == AnchorStatus.SUBMITTED && command.alreadyAnchored();
        if (status != AnchorStatus.REQUESTED && !replacesLostRace) {
            throw new DomainRuleViolation("anchor_not_awaiting_submission",
                    "Root " + root + " is " + status + ", not awaiting a transaction.");
        }
        apply(new AnchorSubmittedEvent(root, command.txHash(), command.chainId(), command.contractAddress(),
                command.alreadyAnchored(), command.requiredConfirmations()));
    }

    @CommandHandler
    public void handle(ConfirmAnchorCommand command) {
        if (status == AnchorStatus.CONFIRMED) {
            return;
        }
        if (status != AnchorStatus.SUBMITTED || !command.txHash().equals(txHash)) {
            throw new DomainRuleViolation("anchor_not_submitted",
                    "Root " + root + " has no submitted transaction " + command.txHash() + " to confirm.");
        }
        apply(new AnchorConfirmedEvent(root, txHash, command.blockNumber(), command.blockHash(),
                command.confirmations()));
    }

    @CommandHandler
    public void handle(RecordAnchorFailureCommand command) {
        if (status == AnchorStatus.FAILED) {
            return;
        }
        if (status == AnchorStatus.CONFIRMED) {
            throw new DomainRuleViolation("anchor_confirmed", "Root " + root + " is anchored and confirmed.");
        }
        apply(new AnchorFailedEvent(root, attempt, command.reason()));
    }

    @EventSourcingHandler
    void on(AnchorRequestedEvent event) {
        root = event.root();
        count = event.count();
        meta = event.meta();
        attempt = event.attempt();
        status = AnchorStatus.REQUESTED;
        txHash = null;
    }

    @EventSourcingHandler
    void on(AnchorSubmittedEvent event) {
        status = AnchorStatus.SUBMITTED;
        txHash = event.txHash();
    }

    @EventSourcingHandler
    void on(AnchorConfirmedEvent event) {
        status = AnchorStatus.CONFIRMED;
    }

    @EventSourcingHandler
    void on(AnchorFailedEvent event) {
        status = AnchorStatus.FAILED;
    }
}
