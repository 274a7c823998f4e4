package io.p3protocol.kernel.sso;

import io.p3protocol.kernel.messaging.TenantScoped;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Register a tenant's SSO provider. Its client secret was stored in the vault first; only its name travels. */
public record RegisterSsoProviderCommand(@TargetAggregateIdentifier String providerId, String tenantId,
                                         SsoProviderSettings settings) implements TenantScoped {
}
