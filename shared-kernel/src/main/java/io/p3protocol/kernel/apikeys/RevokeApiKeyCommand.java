package io.p3protocol.kernel.apikeys;

import io.p3protocol.kernel.messaging.RetriedOnConflict;
import io.p3protocol.kernel.messaging.TenantScoped;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Revoke a key. {@code tenantId} is the caller's tenant (null for the platform admin): a key of another tenant is treated as unknown. */
public record RevokeApiKeyCommand(@TargetAggregateIdentifier String keyId, String tenantId, String reason) implements TenantScoped, RetriedOnConflict {
}
