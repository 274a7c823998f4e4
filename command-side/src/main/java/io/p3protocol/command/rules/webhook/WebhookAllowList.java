package io.p3protocol.command.rules.webhook;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.p3protocol.kernel.rules.SetWebhookAllowListCommand;
import io.p3protocol.kernel.rules.WebhookAllowListSetEvent;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.List;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A tenant's webhook allow-list (one per tenant, {@code <tenantId>/webhook-allowlist}): the hosts webhook actions may
 * reach although they resolve to loopback, private or link-local addresses. Setting the same list again records
 * nothing.
 */
@Aggregate
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class WebhookAllowList {
    @AggregateIdentifier
    private String allowListId;
    private List<String> hosts = List.of();

    protected WebhookAllowList() {
        // for Axon and Jackson; also the blank state CREATE_IF_MISSING starts from
    }

    /** @return true when the list changed */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public boolean handle(SetWebhookAllowListCommand command) {
        if (allowListId != null && hosts.equals(command.hosts())) {
            return false;
        }
        apply(new WebhookAllowListSetEvent(command.allowListId(), command.tenantId(), command.hosts()));
        return true;
    }

    @EventSourcingHandler
    void on(WebhookAllowListSetEvent event) {
        allowListId = event.allowListId();
        hosts = List.copyOf(event.hosts());
    }
}
