package io.p3protocol.command.sso;

import io.p3protocol.kernel.errors.DomainRuleViolation;
import io.p3protocol.kernel.errors.UnknownAggregate;
import io.p3protocol.kernel.sso.LinkSsoIdentityCommand;
import io.p3protocol.kernel.sso.SsoIdentityLinkedEvent;
import io.p3protocol.kernel.sso.SsoIdentityUnlinkedEvent;
import io.p3protocol.kernel.sso.UnlinkSsoIdentityCommand;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** The link of one (tenant, provider, subject) to this platform: one stream per triple, linked on every login. */
@Aggregate
public class SsoIdentity {
    @AggregateIdentifier
    private String identityId;
    private String tenantId;
    private boolean linked;

    protected SsoIdentity() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(LinkSsoIdentityCommand command) {
        if (tenantId != null && !tenantId.equals(command.tenantId())) {
            throw new IllegalStateException("identity id " + command.identityId() + " belongs to another tenant");
        }
        apply(new SsoIdentityLinkedEvent(command.identityId(), command.tenantId(), command.providerId(),
                command.subject(), command.wallet(), command.roles()));
    }

    @CommandHandler
    public void handle(UnlinkSsoIdentityCommand command) {
        if (command.tenantId() != null && !command.tenantId().equals(tenantId)) {
            throw new UnknownAggregate("sso_identity_not_found", "no SSO identity " + identityId);
        }
        if (!linked) {
            throw new DomainRuleViolation("sso_identity_not_linked", "SSO identity " + identityId + " is not linked");
        }
        apply(new SsoIdentityUnlinkedEvent(identityId, tenantId));
    }

    @EventSourcingHandler
    void on(SsoIdentityLinkedEvent event) {
        identityId = event.identityId();
        tenantId = event.tenantId();
        linked = true;
    }

    @EventSourcingHandler
    void on(SsoIdentityUnlinkedEvent event) {
        linked = false;
    }
}
