package io.p3protocol.kernel.vault;

import io.p3protocol.kernel.messaging.TenantScoped;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Issue a TURN REST credential for {@code user}, valid for 30 minutes, keyed by the tenant's current
 * {@code TURN_CREDENTIAL}. Routed to that secret's aggregate, which records the issue.
 */
public record IssueTurnCredentialCommand(@TargetAggregateIdentifier String secretId, String tenantId, String user)
        implements TenantScoped {
    public static IssueTurnCredentialCommand of(String tenantId, String user) {
        return new IssueTurnCredentialCommand(
                SecretNames.secretId(tenantId, ManagedSecretKind.TURN_CREDENTIAL.name()), tenantId, user);
    }
}
