package io.p3protocol.kernel.vault;

import io.p3protocol.kernel.messaging.TenantScoped;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Destroy a secret by erasing its key material (crypto-shredding); its events stay. */
public record DestroySecretCommand(@TargetAggregateIdentifier String secretId, String tenantId, String name)
        implements TenantScoped {
    public static DestroySecretCommand of(String tenantId, String name) {
        return new DestroySecretCommand(SecretNames.secretId(tenantId, name), tenantId, name);
    }
}
