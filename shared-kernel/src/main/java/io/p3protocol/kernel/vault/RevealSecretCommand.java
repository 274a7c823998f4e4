package io.p3protocol.kernel.vault;

import io.p3protocol.kernel.messaging.TenantScoped;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Reveal a secret's value: the current version, or {@code version} when given. Every reveal is an event. */
public record RevealSecretCommand(@TargetAggregateIdentifier String secretId, String tenantId, String name,
                                  Integer version) implements TenantScoped {
    public static RevealSecretCommand of(String tenantId, String name, Integer version) {
        return new RevealSecretCommand(SecretNames.secretId(tenantId, name), tenantId, name, version);
    }
}
