package io.p3protocol.kernel.vault;

import io.p3protocol.kernel.messaging.TenantScoped;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Issue a TURN REST credential for {@code user}, valid for {@code validitySeconds} (1 to
 * {@link #MAX_VALIDITY_SECONDS}), keyed by the tenant's current {@code TURN_CREDENTIAL}. Routed to that secret's
 * aggregate, which records the issue.
 */
public record IssueTurnCredentialCommand(@TargetAggregateIdentifier String secretId, String tenantId, String user,
                                         long validitySeconds) implements TenantScoped {
    /** 30 minutes: the longest a TURN credential may live, and the default. */
    public static final long MAX_VALIDITY_SECONDS = 30 * 60;

    public static IssueTurnCredentialCommand of(String tenantId, String user) {
        return of(tenantId, user, MAX_VALIDITY_SECONDS);
    }

    public static IssueTurnCredentialCommand of(String tenantId, String user, long validitySeconds) {
        return new IssueTurnCredentialCommand(SecretNames.secretId(tenantId, ManagedSecretKind.TURN_CREDENTIAL.name()),
                tenantId, user, validitySeconds);
    }
}
