package io.p3protocol.query.vault;

import io.p3protocol.kernel.vault.FindSecrets;
import io.p3protocol.kernel.vault.SecretList;
import io.p3protocol.kernel.vault.SecretStatus;
import io.p3protocol.kernel.vault.SecretSummary;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Secrets' metadata from {@code secret_view}. The reported status also follows the clock: a secret past its
 * expiry is {@code EXPIRED} even while its deadline event is still on its way.
 */
@Component
public class VaultQueryHandlers {
    private final JdbcTemplate jdbc;
    private final Clock clock;

    public VaultQueryHandlers(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @QueryHandler
    public SecretList secrets(FindSecrets query) {
        Instant now = clock.instant();
        StringBuilder sql = new StringBuilder("""
                SELECT tenant_id, name, managed, version, created_at, last_rotated_at, rotation_count, expires_at,
                       status FROM secret_view WHERE true""");
        List<Object> args = new ArrayList<>();
        if (query.tenantId() != null) {
            sql.append(" AND tenant_id = ?");
            args.add(query.tenantId());
        }
        if (query.name() != null) {
            sql.append(" AND name = ?");
            args.add(query.name());
        }
        if (query.expiringWithinDays() != null) {
            // By the clock, or by what the deadlines recorded (agreeing with the reported status)
            sql.append(" AND status <> 'DESTROYED' AND (expires_at <= ? OR status = 'EXPIRED'"
                    + " OR (status = 'EXPIRING' AND ?))");
            args.add(Timestamp.from(now.plus(Duration.ofDays(query.expiringWithinDays()))));
            args.add(Duration.ofDays(query.expiringWithinDays()).compareTo(SecretStatus.WARNING) >= 0);
        }
        sql.append(" ORDER BY tenant_id, name");
        return new SecretList(jdbc.query(sql.toString(), (rs, i) -> {
            Instant expiresAt = rs.getTimestamp("expires_at").toInstant();
            Timestamp rotated = rs.getTimestamp("last_rotated_at");
            return new SecretSummary(rs.getString("tenant_id"), rs.getString("name"), rs.getBoolean("managed"),
                    rs.getInt("version"), rs.getTimestamp("created_at").toInstant(),
                    rotated == null ? null : rotated.toInstant(), rs.getInt("rotation_count"), expiresAt,
                    SecretStatus.at(SecretStatus.valueOf(rs.getString("status")), expiresAt, now));
        }, args.toArray()));
    }
}
