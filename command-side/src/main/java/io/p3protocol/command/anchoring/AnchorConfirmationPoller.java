package io.p3protocol.command.anchoring;

import io.p3protocol.command.anchoring.ChainAnswers.AlreadyAnchored;
import io.p3protocol.command.anchoring.ChainAnswers.Failed;
import io.p3protocol.command.anchoring.ChainAnswers.Mined;
import io.p3protocol.command.anchoring.ChainAnswers.TransactionState;
import io.p3protocol.command.anchoring.ChainAnswers.Unreachable;
import io.p3protocol.kernel.anchoring.AnchorStatus;
import io.p3protocol.kernel.anchoring.ConfirmAnchorCommand;
import io.p3protocol.kernel.anchoring.RecordAnchorFailureCommand;
import io.p3protocol.kernel.anchoring.RecordAnchorSubmissionCommand;
import io.p3protocol.kernel.errors.DomainRuleViolation;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Watches the submitted anchors (the {@code anchor_view} read model's SUBMITTED rows) every
 * {@code p3.anchoring.poll-interval} and records what the chain says: confirmed once the transaction is buried under
 * the required depth, the earlier anchor when our transaction lost a duplicate race, or the failure. It only reads
 * the chain; every node may run it, since the Anchor ignores what it already knows.
 */
@Component
public class AnchorConfirmationPoller {
    private static final Logger log = LoggerFactory.getLogger(AnchorConfirmationPoller.class);
    private static final int BATCH = 100;

    private final AnchoringSetup setup;
    private final CommandGateway commands;
    private final JdbcTemplate jdbc;

    public AnchorConfirmationPoller(AnchoringSetup setup, CommandGateway commands, JdbcTemplate jdbc) {
        this.setup = setup;
        this.commands = commands;
        this.jdbc = jdbc;
    }

    private record Submitted(String root, String txHash, int requiredConfirmations) {
    }

    @Scheduled(fixedDelayString = "${p3.anchoring.poll-interval:5s}")
    public void pollOnce() {
        setup.chain().ifPresent(chain -> {
            List<Submitted> submitted = jdbc.query("SELECT root, tx_hash, required_confirmations FROM anchor_view"
                            + " WHERE status = ? AND chain_id = ? ORDER BY updated_at LIMIT " + BATCH,
                    (rs, n) -> new Submitted(rs.getString(1), rs.getString(2), rs.getInt(3)),
                    AnchorStatus.SUBMITTED.name(), chain.chainId());
            for (Submitted anchor : submitted) {
                record(anchor, chain.check(anchor.root(), anchor.txHash()), chain);
            }
        });
    }

    private void record(Submitted anchor, TransactionState state, EvmAnchorChain chain) {
        Object command = null;
        if (state instanceof Mined mined && mined.confirmations() >= anchor.requiredConfirmations()) {
            command = new ConfirmAnchorCommand(anchor.root(), anchor.txHash(), mined.blockNumber(),
                    mined.blockHash(), mined.confirmations());
        } else if (state instanceof AlreadyAnchored earlier) {
            command = new RecordAnchorSubmissionCommand(anchor.root(), earlier.txHash(), chain.chainId(),
                    chain.contractAddress(), true, anchor.requiredConfirmations());
        } else if (state instanceof Failed failed) {
            command = new RecordAnchorFailureCommand(anchor.root(), failed.reason());
        } else if (state instanceof Unreachable unreachable) {
            log.warn("Anchor {}: {}; will ask again", anchor.root(), unreachable.reason());
        }
        // Pending, or mined but not yet deep enough: ask again next round.
        if (command == null) {
            return;
        }
        try {
            commands.sendAndWait(command);
        } catch (DomainRuleViolation e) {
            log.info("Anchor {} did not take {}: {}", anchor.root(), command.getClass().getSimpleName(),
                    e.getMessage());
        }
    }
}
