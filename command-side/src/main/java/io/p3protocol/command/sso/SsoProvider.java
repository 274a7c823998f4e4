package io.p3protocol.command.sso;

import io.p3protocol.kernel.errors.DomainRuleViolation;
import io.p3protocol.kernel.errors.UnknownAggregate;
import io.p3protocol.kernel.sso.DeactivateSsoProviderCommand;
import io.p3protocol.kernel.sso.RegisterSsoProviderCommand;
import io.p3protocol.kernel.sso.SsoProviderDeactivatedEvent;
import io.p3protocol.kernel.sso.SsoProviderRegisteredEvent;
import io.p3protocol.kernel.sso.SsoProviderType;
import io.p3protocol.kernel.sso.StartSsoLoginCommand;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.createNew;

/**
 * A tenant's SSO provider. It decides whether logins may start (active, owned by the caller's tenant) and spawns
 * each {@link SsoLogin}, marked with the provider's protocol so that only that protocol's endpoint can finish it. The settings themselves are read from {@code sso_provider_view} by the login flow.
 */
@Aggregate
public class SsoProvider {
    @AggregateIdentifier
    private String providerId;
    private String tenantId;
    private SsoProviderType type;
    private boolean active;

    protected SsoProvider() {
        // for Axon
    }

    @CommandHandler
    public SsoProvider(RegisterSsoProviderCommand command) {
        apply(new SsoProviderRegisteredEvent(command.providerId(), command.tenantId(), command.settings()));
    }

    @CommandHandler
    public void handle(DeactivateSsoProviderCommand command) {
        requireOwnedBy(command.tenantId());
        if (!active) {
            throw new DomainRuleViolation("sso_provider_inactive", "SSO provider " + providerId + " is already deactivated");
        }
        apply(new SsoProviderDeactivatedEvent(providerId, tenantId));
    }

    @CommandHandler
    public String handle(StartSsoLoginCommand command) throws Exception {
        requireOwnedBy(command.tenantId());
        if (!active) {
            throw new DomainRuleViolation("sso_provider_inactive", "SSO provider " + providerId + " is deactivated");
        }
        createNew(SsoLogin.class, () -> new SsoLogin(command, type));
        return command.loginId();
    }

    private void requireOwnedBy(String callerTenant) {
        if (callerTenant != null && !callerTenant.equals(tenantId)) {
            throw new UnknownAggregate("sso_provider_not_found", "no SSO provider " + providerId);
        }
    }

    @EventSourcingHandler
    void on(SsoProviderRegisteredEvent event) {
        providerId = event.providerId();
        tenantId = event.tenantId();
        type = event.settings().type();
        active = true;
    }

    @EventSourcingHandler
    void on(SsoProviderDeactivatedEvent event) {
        active = false;
    }
}
