package io.p3protocol.command.guardian;

import io.p3protocol.kernel.apikeys.ApiKeyStatus;
import io.p3protocol.kernel.security.Role;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What a grant needs to know before it is made: the key it is given to and whether the named tenants exist. Reads
 * the authentication tables, which are written in the same transaction as the keys' and tenants' events.
 */
@Component
public class GuardianCandidates {
    private final JdbcTemplate jdbc;

    public GuardianCandidates(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public record CandidateKey(String keyId, String tenantId, Set<Role> roles, ApiKeyStatus status) {
    }

    public Optional<CandidateKey> key(String keyId) {
        List<CandidateKey> found = jdbc.query("SELECT key_id, tenant_id, roles, status FROM auth_api_key WHERE key_id = ?",
                (rs, i) -> new CandidateKey(rs.getString("key_id"), rs.getString("tenant_id"),
                        Arrays.stream((String[]) rs.getArray("roles").getArray()).map(Role::fromWire)
                                .collect(Collectors.toUnmodifiableSet()),
                        ApiKeyStatus.valueOf(rs.getString("status"))), keyId);
        return found.stream().findFirst();
    }

    /** The ids among {@code tenantIds} that name no tenant. */
    public Set<String> unknownTenants(Collection<String> tenantIds) {
        Set<String> unknown = new TreeSet<>(tenantIds);
        unknown.removeAll(jdbc.queryForList("SELECT tenant_id FROM auth_tenant WHERE tenant_id = ANY (?)",
                String.class, (Object) tenantIds.toArray(String[]::new)));
        return unknown;
    }
}
