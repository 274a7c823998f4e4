package io.p3protocol.kernel.tenancy;

import io.p3protocol.kernel.messaging.TenantScoped;

/** The tenant's tier changed ({@code previousTier} null: it had none). Who changed it is the {@code actor} metadata. */
public record TenantTierChangedEvent(String tenantId, Tier tier, Tier previousTier) implements TenantScoped {
}
