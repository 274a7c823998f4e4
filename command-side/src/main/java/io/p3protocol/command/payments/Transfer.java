package io.p3protocol.command.payments;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.p3protocol.kernel.identity.WalletAddress;
import io.p3protocol.kernel.payments.RequestTransferCommand;
import io.p3protocol.kernel.payments.TransferRequestedEvent;
import io.p3protocol.kernel.policy.Chains;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A payment transfer a tenant asked for. For now it only records the request (the smallest real chain-targeted
 * command, through which the sandbox enforcement is proven); settlement will act on it.
 */
@Aggregate
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class Transfer {
    @AggregateIdentifier
    private String transferId;
    private String tenantId;

    protected Transfer() {
        // for Axon
    }

    @CommandHandler
    public Transfer(RequestTransferCommand command) {
        TransferTerms.check(command.chain(), command.to(), command.amount());
        apply(new TransferRequestedEvent(command.transferId(), command.tenantId(), Chains.normalize(command.chain()),
                WalletAddress.parse(command.to()).value(), command.amount()));
    }

    @EventSourcingHandler
    void on(TransferRequestedEvent event) {
        transferId = event.transferId();
        tenantId = event.tenantId();
    }
}
