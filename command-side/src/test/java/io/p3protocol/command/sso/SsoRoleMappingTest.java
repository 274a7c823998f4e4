package io.p3protocol.command.sso;

import io.p3protocol.kernel.security.Role;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class SsoRoleMappingTest {
    private static final Map<String, Set<Role>> MAPPING = Map.of("default", Set.of(Role.VIEWER),
            "p3-admins", Set.of(Role.ADMIN), "ops", Set.of(Role.OPERATOR));

    @Test
    void defaultRolesAlwaysApply() {
        assertThat(SsoSessions.mapRoles(MAPPING, List.of("openid", "email"))).containsExactly(Role.VIEWER);
    }

    @Test
    void grantedValuesAddTheirRoles() {
        assertThat(SsoSessions.mapRoles(MAPPING, List.of("p3-admins", "ops")))
                .containsExactlyInAnyOrder(Role.VIEWER, Role.ADMIN, Role.OPERATOR);
    }

    @Test
    void withoutADefaultAndNothingGrantedTheSessionIsAViewer() {
        assertThat(SsoSessions.mapRoles(Map.of("p3-admins", Set.of(Role.ADMIN)), List.of("email")))
                .containsExactly(Role.VIEWER);
    }
}
