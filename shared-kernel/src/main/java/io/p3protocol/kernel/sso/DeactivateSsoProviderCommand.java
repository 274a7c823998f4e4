package io.p3protocol.kernel.sso;

import io.p3protocol.kernel.messaging.RetriedOnConflict;
import io.p3protocol.kernel.messaging.TenantScoped;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** {@code tenantId} is the caller's tenant: another tenant's provider is reported as unknown. */
public record DeactivateSsoProviderCommand(@TargetAggregateIdentifier String providerId, String tenantId)
        implements TenantScoped, RetriedOnConflict {
}
