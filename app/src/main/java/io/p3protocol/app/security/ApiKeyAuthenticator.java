package io.p3protocol.app.security;

import io.p3protocol.kernel.apikeys.ApiKeyStatus;
import io.p3protocol.kernel.crypto.ApiKeyMaterial;
import io.p3protocol.kernel.security.Caller;
import io.p3protocol.kernel.security.Role;
import io.p3protocol.kernel.tenancy.TenantStatus;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Array;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns a presented key into a {@link Caller}. Reads the {@code auth_api_key} table, which is written in the same
 * transaction as the key's events, so issue, revoke and suspension take effect immediately on every node.
 */
@Component
public class ApiKeyAuthenticator {
    private final JdbcTemplate jdbc;
    private final PlatformAdminKey platformAdminKey;
    private final Clock clock;

    public ApiKeyAuthenticator(JdbcTemplate jdbc, PlatformAdminKey platformAdminKey, Clock clock) {
        this.jdbc = jdbc;
        this.platformAdminKey = platformAdminKey;
        this.clock = clock;
    }

    public AuthenticationOutcome authenticate(String presentedKey) {
        String hash = ApiKeyMaterial.hash(presentedKey);
        if (platformAdminKey.matchesHash(hash)) {
            return AuthenticationOutcome.accepted(Caller.forPlatformAdmin());
        }
        List<StoredKey> found = jdbc.query("""
                SELECT k.key_id, k.tenant_id, k.roles, k.status, k.expires_at, t.status AS tenant_status
                FROM auth_api_key k LEFT JOIN auth_tenant t ON t.tenant_id = k.tenant_id
                WHERE k.key_hash = ?""", (rs, i) -> new StoredKey(rs.getString("key_id"), rs.getString("tenant_id"),
                roles(rs.getArray("roles")), ApiKeyStatus.valueOf(rs.getString("status")),
                rs.getTimestamp("expires_at"), rs.getString("tenant_status")), hash);
        if (found.isEmpty()) {
            return AuthenticationOutcome.refused(HttpStatus.FORBIDDEN, "invalid_api_key", "The API key is not known.");
        }
        StoredKey key = found.get(0);
        if (key.status == ApiKeyStatus.REVOKED) {
            return AuthenticationOutcome.refused(HttpStatus.FORBIDDEN, "revoked_api_key", "The API key was revoked.");
        }
        if (key.status == ApiKeyStatus.EXPIRED
                || (key.expiresAt != null && !clock.instant().isBefore(key.expiresAt.toInstant()))) {
            return AuthenticationOutcome.refused(HttpStatus.FORBIDDEN, "expired_api_key", "The API key has expired.");
        }
        if (TenantStatus.SUSPENDED.name().equals(key.tenantStatus)) {
            return AuthenticationOutcome.refused(HttpStatus.FORBIDDEN, "tenant_suspended",
                    "The key's tenant is suspended.");
        }
        return AuthenticationOutcome.accepted(Caller.tenantKey(key.keyId, key.tenantId, key.roles));
    }

    private static Set<Role> roles(Array array) throws SQLException {
        return Arrays.stream((String[]) array.getArray()).map(Role::fromWire).collect(Collectors.toUnmodifiableSet());
    }

    private record StoredKey(String keyId, String tenantId, Set<Role> roles, ApiKeyStatus status,
                             Timestamp expiresAt, String tenantStatus) {
    }
}
