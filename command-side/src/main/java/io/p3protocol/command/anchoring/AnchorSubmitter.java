package io.p3protocol.command.anchoring;

import io.p3protocol.command.anchoring.ChainAnswers.AlreadyAnchored;
import io.p3protocol.command.anchoring.ChainAnswers.Failed;
import io.p3protocol.command.anchoring.ChainAnswers.Sent;
import io.p3protocol.kernel.anchoring.AnchorRequestedEvent;
import io.p3protocol.kernel.anchoring.RecordAnchorFailureCommand;
import io.p3protocol.kernel.anchoring.RecordAnchorSubmissionCommand;
import io.p3protocol.kernel.errors.DomainRuleViolation;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Processor {@value #PROCESSING_GROUP}: sends the anchoring transaction of every requested root and records the
 * answer on the Anchor (submitted, already anchored, or failed with the reason). It is the only place an anchoring
 * transaction is sent, and it is never replayed ({@link DisallowReplay}). Should it stop between sending and
 * recording, the request is handled again: the root is then found on chain (or the second transaction reverts
 * as a duplicate, which the poller recognises), so a root is never anchored twice.
 */
@Component
@ProcessingGroup(AnchorSubmitter.PROCESSING_GROUP)
@DisallowReplay
public class AnchorSubmitter {
    public static final String PROCESSING_GROUP = "anchor-submitter";
    private static final Logger log = LoggerFactory.getLogger(AnchorSubmitter.class);

    private final AnchoringSetup setup;
    private final CommandGateway commands;

    public AnchorSubmitter(AnchoringSetup setup, CommandGateway commands) {
        this.setup = setup;
        this.commands = commands;
    }

    @EventHandler
    void on(AnchorRequestedEvent requested) {
        String root = requested.root();
        Object record = setup.chain()
                .map(chain -> recordOf(root, chain.submit(root, requested.count(), requested.meta()), chain))
                .orElseGet(() -> new RecordAnchorFailureCommand(root, setup.notConfiguredReason()));
        try {
            commands.sendAndWait(record);
        } catch (DomainRuleViolation e) {
            // The Anchor moved on (an older request seen again after a processor reset): nothing to record.
            log.info("Anchor {} did not take {}: {}", root, record.getClass().getSimpleName(), e.getMessage());
        }
    }

    private static Object recordOf(String root, ChainAnswers.Submission submission, EvmAnchorChain chain) {
        if (submission instanceof Sent sent) {
            return new RecordAnchorSubmissionCommand(root, sent.txHash(), chain.chainId(), chain.contractAddress(),
                    false, chain.requiredConfirmations());
        }
        if (submission instanceof AlreadyAnchored found) {
            return new RecordAnchorSubmissionCommand(root, found.txHash(), chain.chainId(), chain.contractAddress(),
                    true, chain.requiredConfirmations());
        }
        return new RecordAnchorFailureCommand(root, ((Failed) submission).reason());
    }
}
