package io.p3protocol.kernel.vault;

import io.p3protocol.kernel.messaging.TenantScoped;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Store a secret: {@code value}, or a generated one when it is null. Creates the secret, or starts it again after
 * a destroy; an existing live secret is rotated instead. Commands are never persisted, but the value is redacted
 * from {@link #toString()} so that it cannot reach a log through a message description.
 */
public record StoreSecretCommand(@TargetAggregateIdentifier String secretId, String tenantId, String name,
                                 String value) implements TenantScoped {
    public static StoreSecretCommand of(String tenantId, String name, String value) {
        return new StoreSecretCommand(SecretNames.secretId(tenantId, name), tenantId, name, value);
    }

    @Override
    public String toString() {
        return "StoreSecretCommand[secretId=" + secretId + ", value=" + (value == null ? "<generate>" : "<redacted>") + "]";
    }
}
