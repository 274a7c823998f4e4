package io.p3protocol.query.identity;

import io.p3protocol.kernel.identity.FindIdentityKeys;
import io.p3protocol.kernel.identity.IdentityKeysStatus;
import io.p3protocol.kernel.identity.IdentityKeysSummary;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

/** Answers identity-key queries from {@code identity_keys_view}. The query carries the tenant; nothing is widened here. */
@Component
public class IdentityKeysQueryHandlers {
    private static final RowMapper<IdentityKeysSummary> ROW = (rs, n) -> new IdentityKeysSummary(
            rs.getString("tenant_id"), rs.getString("wallet"), rs.getString("x25519_public_key"),
            rs.getString("ml_kem_1024_public_key"), rs.getBoolean("kyber_enabled"),
            IdentityKeysStatus.valueOf(rs.getString("status")), instant(rs.getTimestamp("registered_at")),
            instant(rs.getTimestamp("rotated_at")), instant(rs.getTimestamp("revoked_at")),
            rs.getInt("rotation_count"));

    private final JdbcTemplate jdbc;

    public IdentityKeysQueryHandlers(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @QueryHandler
    public Optional<IdentityKeysSummary> identityKeys(FindIdentityKeys query) {
        return jdbc.query("""
                SELECT tenant_id, wallet, x25519_public_key, ml_kem_1024_public_key, kyber_enabled, status,
                       registered_at, rotated_at, revoked_at, rotation_count
                FROM identity_keys_view WHERE tenant_id = ? AND wallet = ?""", ROW,
                query.tenantId(), query.wallet().value()).stream().findFirst();
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
