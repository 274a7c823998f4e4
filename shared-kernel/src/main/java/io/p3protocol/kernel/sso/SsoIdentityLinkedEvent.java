package io.p3protocol.kernel.sso;

import io.p3protocol.kernel.messaging.TenantScoped;
import io.p3protocol.kernel.security.Role;

import java.util.Set;

/** Recorded on every successful login: the roles are those mapped at that login, the wallet may be null. */
public record SsoIdentityLinkedEvent(String identityId, String tenantId, String providerId, String subject,
                                     String wallet, Set<Role> roles) implements TenantScoped {
}
