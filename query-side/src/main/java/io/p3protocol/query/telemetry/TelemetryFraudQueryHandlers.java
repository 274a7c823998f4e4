package io.p3protocol.query.telemetry;

import io.p3protocol.kernel.telemetry.FindIpFraudSignals;
import io.p3protocol.kernel.telemetry.FindIpRequestRate;
import io.p3protocol.kernel.telemetry.FindSessionFraudSignals;
import io.p3protocol.kernel.telemetry.IpFraudPage;
import io.p3protocol.kernel.telemetry.IpFraudSignals;
import io.p3protocol.kernel.telemetry.MinuteCount;
import io.p3protocol.kernel.telemetry.SessionFraudPage;
import io.p3protocol.kernel.telemetry.SessionFraudSignals;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * Answers fraud queries from the telemetry read models only. The fraud formulas live here, once, in SQL (so a
 * page can be filtered and ordered by score in the database); docs/telemetry.md states them:
 * <pre>
 *   sybil  = clamp((distinct wallets in the window - 1) / 4)        1 wallet: 0, 5 or more: 1
 *   rate   = clamp((peak events in one minute - 60) / 540)           60/min or less: 0, 600/min or more: 1
 *   hijack = clamp(sessions from the IP whose UA hash changed / 2)   1 session: 0.5, 2 or more: 1
 *   fraudScore(IP) = 1 - (1 - sybil)(1 - rate)(1 - hijack)           rounded to 2 decimals
 *
 *   hijack(session)   = clamp(UA hash changes / 2)
 *   ipSwitch(session) = clamp((distinct hashed IPs - 1) / 3)
 *   fraudScore(session) = 1 - (1 - hijack)(1 - ipSwitch)
 * </pre>
 * Who may see which tenant is decided by the asker; every query here is for exactly one tenant.
 */
@Component
public class TelemetryFraudQueryHandlers {
    static final String IP_SIGNALS = """
            WITH rate AS (
                SELECT hashed_ip, max(hash_epoch) AS hash_epoch, sum(events) AS events, max(events) AS peak,
                       min(minute) AS first_minute, max(minute) AS last_minute
                FROM telemetry_ip_minute
                WHERE tenant_id = :tenant AND minute >= :from AND minute < :to
                  AND (CAST(:ip AS TEXT) IS NULL OR hashed_ip = :ip)
                GROUP BY hashed_ip),
            wallets AS (
                SELECT hashed_ip, count(DISTINCT wallet) AS wallets
                FROM telemetry_ip_wallet_minute
                WHERE tenant_id = :tenant AND minute >= :from AND minute < :to
                  AND (CAST(:ip AS TEXT) IS NULL OR hashed_ip = :ip)
                GROUP BY hashed_ip),
            hijacked AS (
                SELECT si.hashed_ip, count(*) AS sessions
                FROM telemetry_session_ip si
                JOIN telemetry_session s ON s.tenant_id = si.tenant_id AND s.session_id = si.session_id
                WHERE si.tenant_id = :tenant AND si.last_seen >= :from AND si.first_seen < :to
                  AND (CAST(:ip AS TEXT) IS NULL OR si.hashed_ip = :ip) AND s.ua_changes > 0
                GROUP BY si.hashed_ip),
            signals AS (
                SELECT r.hashed_ip, r.hash_epoch, r.events, r.peak, r.first_minute, r.last_minute,
                       coalesce(w.wallets, 0) AS wallets, coalesce(h.sessions, 0) AS hijacked_sessions,
                       round(least(1, greatest(0, (coalesce(w.wallets, 0) - 1) / 4.0)), 4) AS sybil,
                       round(least(1, greatest(0, (r.peak - 60) / 540.0)), 4) AS rate,
                       round(least(1, coalesce(h.sessions, 0) / 2.0), 4) AS hijack
                FROM rate r
                LEFT JOIN wallets w ON w.hashed_ip = r.hashed_ip
                LEFT JOIN hijacked h ON h.hashed_ip = r.hashed_ip),
            scored AS (
                SELECT s.*, round(1 - (1 - s.sybil) * (1 - s.rate) * (1 - s.hijack), 2) AS fraud_score FROM signals s)
            SELECT * FROM scored
            WHERE fraud_score >= :minScore
              AND (CAST(:afterScore AS NUMERIC) IS NULL OR fraud_score < :afterScore
                   OR (fraud_score = :afterScore AND hashed_ip > :afterIp))
            ORDER BY fraud_score DESC, hashed_ip
            LIMIT :limit""";

    static final String SESSION_SIGNALS = """
            WITH page AS (
                SELECT s.* FROM telemetry_session s
                WHERE s.tenant_id = :tenant
                  AND (CAST(:session AS TEXT) IS NULL OR s.session_id = :session)
                  AND (NOT :hijackedOnly OR s.ua_changes > 0)
                  AND (CAST(:ip AS TEXT) IS NULL OR EXISTS (
                        SELECT 1 FROM telemetry_session_ip si
                        WHERE si.tenant_id = s.tenant_id AND si.session_id = s.session_id AND si.hashed_ip = :ip))
                  AND (CAST(:afterFirstSeen AS TIMESTAMPTZ) IS NULL OR s.first_seen < :afterFirstSeen
                       OR (s.first_seen = :afterFirstSeen AND s.session_id > :afterSession))
                ORDER BY s.first_seen DESC, s.session_id
                LIMIT :limit),
            signals AS (
                SELECT p.*,
                       (SELECT array_agg(si.hashed_ip ORDER BY si.first_seen, si.hashed_ip) FROM telemetry_session_ip si
                        WHERE si.tenant_id = p.tenant_id AND si.session_id = p.session_id) AS hashed_ips,
                       round(least(1, p.ua_changes / 2.0), 4) AS hijack
                FROM page p),
            scored AS (
                SELECT s.*, round(least(1, greatest(0, (cardinality(s.hashed_ips) - 1) / 3.0)), 4) AS ip_switch
                FROM signals s)
            SELECT s.*, round(1 - (1 - s.hijack) * (1 - s.ip_switch), 2) AS fraud_score FROM scored s
            ORDER BY s.first_seen DESC, s.session_id""";

    private final NamedParameterJdbcTemplate jdbc;

    public TelemetryFraudQueryHandlers(JdbcTemplate jdbc) {
        this.jdbc = new NamedParameterJdbcTemplate(jdbc);
    }

    @QueryHandler
    public IpFraudPage ips(FindIpFraudSignals query) {
        MapSqlParameterSource params = new MapSqlParameterSource()
                .addValue("tenant", query.tenantId())
                .addValue("from", Timestamp.from(query.from()))
                .addValue("to", Timestamp.from(query.to()))
                .addValue("ip", query.hashedIp())
                .addValue("minScore", query.minScore())
                .addValue("afterScore", query.afterScore())
                .addValue("afterIp", query.afterHashedIp())
                .addValue("limit", query.limit() + 1);
        List<IpFraudSignals> rows = jdbc.query(IP_SIGNALS, params, (rs, i) -> ipRow(rs, query));
        boolean hasMore = rows.size() > query.limit();
        return new IpFraudPage(hasMore ? rows.subList(0, query.limit()) : rows, hasMore);
    }

    @QueryHandler
    public List<MinuteCount> requestRate(FindIpRequestRate query) {
        return jdbc.query("""
                SELECT minute, events FROM telemetry_ip_minute
                WHERE tenant_id = :tenant AND hashed_ip = :ip AND minute >= :from AND minute < :to
                ORDER BY minute""", new MapSqlParameterSource()
                .addValue("tenant", query.tenantId()).addValue("ip", query.hashedIp())
                .addValue("from", Timestamp.from(query.from())).addValue("to", Timestamp.from(query.to())),
                (rs, i) -> new MinuteCount(instant(rs, "minute"), rs.getLong("events")));
    }

    @QueryHandler
    public SessionFraudPage sessions(FindSessionFraudSignals query) {
        MapSqlParameterSource params = new MapSqlParameterSource()
                .addValue("tenant", query.tenantId())
                .addValue("session", query.sessionId())
                .addValue("ip", query.hashedIp())
                .addValue("hijackedOnly", query.hijackedOnly())
                .addValue("afterFirstSeen", query.afterFirstSeen() == null ? null
                        : Timestamp.from(query.afterFirstSeen()))
                .addValue("afterSession", query.afterSessionId())
                .addValue("limit", query.limit() + 1);
        List<SessionFraudSignals> rows = jdbc.query(SESSION_SIGNALS, params, SESSION_ROW);
        boolean hasMore = rows.size() > query.limit();
        return new SessionFraudPage(hasMore ? rows.subList(0, query.limit()) : rows, hasMore);
    }

    private static IpFraudSignals ipRow(ResultSet rs, FindIpFraudSignals query) throws SQLException {
        return new IpFraudSignals(query.tenantId(), rs.getString("hashed_ip"), rs.getInt("hash_epoch"),
                query.from(), query.to(), rs.getLong("events"), rs.getLong("peak"), rs.getLong("wallets"),
                rs.getLong("hijacked_sessions"), instant(rs, "first_minute"), instant(rs, "last_minute"),
                rs.getBigDecimal("sybil"), rs.getBigDecimal("rate"), rs.getBigDecimal("hijack"),
                rs.getBigDecimal("fraud_score"));
    }

    private static final RowMapper<SessionFraudSignals> SESSION_ROW = (rs, i) -> new SessionFraudSignals(
            rs.getString("tenant_id"), rs.getString("session_id"), instant(rs, "first_seen"),
            instant(rs, "last_seen"), rs.getLong("events"), rs.getInt("ua_changes"),
            Arrays.stream((String[]) rs.getArray("hashed_ips").getArray()).map(String::strip).toList(),
            rs.getBigDecimal("hijack"), rs.getBigDecimal("ip_switch"), rs.getBigDecimal("fraud_score"));

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }
}
