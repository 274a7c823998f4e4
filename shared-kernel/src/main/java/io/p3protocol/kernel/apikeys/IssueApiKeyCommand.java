package io.p3protocol.kernel.apikeys;

import io.p3protocol.kernel.messaging.RetriedOnConflict;
import io.p3protocol.kernel.messaging.TenantScoped;
import io.p3protocol.kernel.security.Role;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.Set;

/** Issue a key for a tenant. Routed to the Tenant, which checks it is active and spawns the ApiKey. Only the key's SHA-256 travels; the plaintext never enters a message. A null quotaMonthly means the tenant's default: its tier's quota, or ApiKeyDefaults.QUOTA_MONTHLY without a tier. */
public record IssueApiKeyCommand(String keyId, @TargetAggregateIdentifier String tenantId, Set<Role> roles, String keyHash, Instant expiresAt, Long quotaMonthly) implements TenantScoped, RetriedOnConflict {
}
