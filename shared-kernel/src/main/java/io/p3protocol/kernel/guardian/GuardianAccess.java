package io.p3protocol.kernel.guardian;

import io.p3protocol.kernel.security.Role;

import java.util.Set;

/** The answer to a recorded guardian access: the roles the guardian holds inside the target tenant. */
public record GuardianAccess(String grantId, Set<Role> roles) {
    public GuardianAccess {
        roles = Set.copyOf(roles);
    }
}
