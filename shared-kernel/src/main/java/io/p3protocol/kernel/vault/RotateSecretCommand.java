package io.p3protocol.kernel.vault;

import io.p3protocol.kernel.messaging.TenantScoped;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Rotate a secret to a new version: {@code value}, or a generated one when it is null. The previous version is
 * retired at once. With {@code reveal} the new value is returned, and that access is recorded as a reveal.
 */
public record RotateSecretCommand(@TargetAggregateIdentifier String secretId, String tenantId, String name,
                                  String value, boolean reveal) implements TenantScoped {
    public static RotateSecretCommand of(String tenantId, String name, String value, boolean reveal) {
        return new RotateSecretCommand(SecretNames.secretId(tenantId, name), tenantId, name, value, reveal);
    }

    @Override
    public String toString() {
        return "RotateSecretCommand[secretId=" + secretId + ", value=" + (value == null ? "<generate>" : "<redacted>")
                + ", reveal=" + reveal + "]";
    }
}
