package io.p3protocol.command.policy;

import io.p3protocol.command.tenancy.TenantTiers;
import io.p3protocol.kernel.errors.AccessDenied;
import io.p3protocol.kernel.sso.RegisterSsoProviderCommand;
import io.p3protocol.kernel.tenancy.Tier;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * "A tier sets whether SSO is allowed": a tenant whose tier has no {@code sso} perk (Free, Starter) may not register
 * an SSO provider (403 {@code sso_not_in_tier}). A tenant without a tier is not limited (docs/enterprise.md#tiers).
 * Enforced on the command bus for every {@link RegisterSsoProviderCommand}, whoever sends it (registered by the app,
 * like the sandbox check, through {@link #dispatchInterceptor()}; not a dispatch-interceptor bean, for the reason
 * given on {@link SandboxEnforcement}). The SSO controller also calls {@link #requireSsoAllowed} before it stores the
 * client secret, so a refused registration leaves nothing behind in the vault.
 */
@Component
public class SsoTierGate {
    private final TenantTiers tiers;

    public SsoTierGate(TenantTiers tiers) {
        this.tiers = tiers;
    }

    /** Refuses with 403 {@code sso_not_in_tier} when the tenant's tier does not include SSO. */
    public void requireSsoAllowed(String tenantId) {
        Optional<Tier> tier = tiers.of(tenantId);
        if (tier.isPresent() && !tier.get().allowsSso()) {
            throw new AccessDenied("sso_not_in_tier", "The tenant's tier (" + tier.get().displayName()
                    + ") does not include SSO; SSO needs the Pro or Enterprise tier.");
        }
    }

    /** The interceptor to register on the command bus. */
    public MessageDispatchInterceptor<CommandMessage<?>> dispatchInterceptor() {
        return messages -> (index, command) -> {
            if (command.getPayload() instanceof RegisterSsoProviderCommand register) {
                requireSsoAllowed(register.tenantId());
            }
            return command;
        };
    }
}
