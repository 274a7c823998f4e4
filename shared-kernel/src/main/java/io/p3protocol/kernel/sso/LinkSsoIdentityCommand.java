package io.p3protocol.kernel.sso;

import io.p3protocol.kernel.messaging.RetriedOnConflict;
import io.p3protocol.kernel.messaging.TenantScoped;
import io.p3protocol.kernel.security.Role;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.Set;

/** Link (or link again) the provider's subject; {@code identityId} is derived from (tenant, provider, subject). */
public record LinkSsoIdentityCommand(@TargetAggregateIdentifier String identityId, String tenantId, String providerId,
                                     String subject, String wallet, Set<Role> roles) implements TenantScoped, RetriedOnConflict {
    public static String identityIdOf(String tenantId, String providerId, String subject) {
        return java.util.UUID.nameUUIDFromBytes((tenantId + "\n" + providerId + "\n" + subject)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
    }
}
