package io.p3protocol.app.policy;

import io.p3protocol.command.policy.TenantPolicies;
import io.p3protocol.kernel.apikeys.ApiKeyDefaults;
import io.p3protocol.kernel.policy.TenantPolicy;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;

/**
 * The statements behind {@link LeasedBudget}: a lease of a tenant's minute window ({@code rate_limit_window.count},
 * at most the policy's {@code rateLimitRpm}) or of a key's month ({@code api_key_usage.reserved}, at most its
 * quota). Each is one autocommit statement that adds {@code n} to the row only while the sum stays within the limit
 * ({@code UPDATE ... WHERE reserved + n <= limit RETURNING}; in READ COMMITTED a concurrent update makes PostgreSQL
 * re-check that condition on the row's newest version, so leases granted to all nodes never add up to more than the
 * limit), or creates the period's row. Periods are the database's clock (minute, UTC month), the one clock every
 * node shares. The rate lease reads the tenant's policy in the same statement (the limit in force at that moment)
 * and hands it to the {@link PolicyCache}.
 * <p>
 * Like the per-request statement before it, a lease commits asynchronously ({@code synchronous_commit off} for that
 * transaction only): a database crash can forget the last ~0.6 s of leases, and so let the nodes that held them
 * exceed a limit by those units once.
 */
@Component
public class BudgetLeases {
    private static final String RATE = """
            WITH policy AS (
                SELECT %s FROM tenant_policy WHERE tenant_id = :tenant
            ), win AS (
                SELECT COALESCE((SELECT rate_limit_rpm FROM policy), :defaultRpm) AS lim,
                       date_trunc('minute', statement_timestamp()) AS start,
                       set_config('synchronous_commit', 'off', true) AS synchronous_commit
            ), bumped AS (
                UPDATE rate_limit_window r SET count = r.count + :units FROM win w
                WHERE r.tenant_id = :tenant AND r.window_start = w.start AND r.count + :units <= w.lim
                RETURNING r.count
            ), created AS (
                INSERT INTO rate_limit_window (tenant_id, window_start, count)
                SELECT :tenant, w.start, :units FROM win w
                WHERE :units <= w.lim
                  AND NOT EXISTS (SELECT 1 FROM rate_limit_window WHERE tenant_id = :tenant AND window_start = w.start)
                ON CONFLICT (tenant_id, window_start) DO NOTHING
                RETURNING count
            )
            SELECT COALESCE((SELECT count FROM bumped), (SELECT count FROM created)) AS reserved_after,
                   EXISTS (SELECT 1 FROM rate_limit_window WHERE tenant_id = :tenant AND window_start = w.start)
                       AS existed,
                   w.lim, w.start AS period_start, to_char(w.start, 'YYYY-MM-DD"T"HH24:MI') AS period_label,
                   EXTRACT(EPOCH FROM w.start + INTERVAL '1 minute' - statement_timestamp())::float8 AS seconds_left,
                   w.synchronous_commit, policy.*
            FROM win w LEFT JOIN policy ON true""".formatted(TenantPolicies.COLUMNS);

    private static final String QUOTA = """
            WITH period AS (
                SELECT date_trunc('month', statement_timestamp() AT TIME ZONE 'UTC')::date AS month,
                       COALESCE((SELECT quota_monthly FROM api_key_quota WHERE key_id = :key), :defaultQuota) AS lim,
                       set_config('synchronous_commit', 'off', true) AS synchronous_commit
            ), bumped AS (
                UPDATE api_key_usage u SET reserved = u.reserved + :units, quota_monthly = p.lim FROM period p
                WHERE u.key_id = :key AND u.month = p.month AND u.reserved + :units <= p.lim
                RETURNING u.reserved
            ), created AS (
                INSERT INTO api_key_usage (key_id, month, tenant_id, quota_monthly, total, reserved)
                SELECT :key, p.month, :tenant, p.lim, 0, :units FROM period p
                WHERE :units <= p.lim
                  AND NOT EXISTS (SELECT 1 FROM api_key_usage WHERE key_id = :key AND month = p.month)
                ON CONFLICT (key_id, month) DO NOTHING
                RETURNING reserved
            )
            SELECT COALESCE((SELECT reserved FROM bumped), (SELECT reserved FROM created)) AS reserved_after,
                   EXISTS (SELECT 1 FROM api_key_usage WHERE key_id = :key AND month = p.month) AS existed,
                   p.lim, p.month AS period_start, to_char(p.month, 'YYYY-MM') AS period_label,
                   EXTRACT(EPOCH FROM (p.month + INTERVAL '1 month') AT TIME ZONE 'UTC' - statement_timestamp())::float8
                       AS seconds_left,
                   p.synchronous_commit
            FROM period p""";

    private static final String GIVE_BACK_RATE = """
            WITH async_commit AS (SELECT set_config('synchronous_commit', 'off', true) AS synchronous_commit)
            UPDATE rate_limit_window SET count = count - :units
            WHERE tenant_id = :tenant AND window_start = :start AND count >= :units
              AND (SELECT synchronous_commit FROM async_commit) IS NOT NULL""";

    private static final String GIVE_BACK_QUOTA = """
            WITH async_commit AS (SELECT set_config('synchronous_commit', 'off', true) AS synchronous_commit)
            UPDATE api_key_usage SET reserved = reserved - :units
            WHERE key_id = :key AND month = :month AND reserved >= :units
              AND (SELECT synchronous_commit FROM async_commit) IS NOT NULL""";

    /** How many times a lease is tried again when another node created the period's row at the same moment. */
    private static final int CREATION_RACES = 3;

    private final NamedParameterJdbcTemplate jdbc;
    private final PolicyCache policies;

    public BudgetLeases(NamedParameterJdbcTemplate jdbc, PolicyCache policies) {
        this.jdbc = jdbc;
        this.policies = policies;
    }

    LeasedBudget.Reserver rateOf(String tenantId) {
        return new LeasedBudget.Reserver() {
            @Override
            public LeasedBudget.Lease reserve(long units) {
                return leaseOrOne(units, n -> {
                    long generation = policies.generation();
                    long started = System.nanoTime();
                    MapSqlParameterSource params = new MapSqlParameterSource().addValue("tenant", tenantId)
                            .addValue("units", n).addValue("defaultRpm", TenantPolicy.DEFAULT.rateLimitRpm());
                    return jdbc.queryForObject(RATE, params, (rs, i) -> {
                        policies.offer(tenantId, TenantPolicies.read(rs), generation, started);
                        return lease(rs, n, started, OffsetDateTime.class);
                    });
                });
            }

            @Override
            public void giveBack(LeasedBudget.Lease lease, long units) {
                jdbc.update(GIVE_BACK_RATE, new MapSqlParameterSource().addValue("tenant", tenantId)
                        .addValue("start", lease.period()).addValue("units", units));
            }
        };
    }

    LeasedBudget.Reserver quotaOf(String tenantId, String keyId) {
        return new LeasedBudget.Reserver() {
            @Override
            public LeasedBudget.Lease reserve(long units) {
                return leaseOrOne(units, n -> {
                    long started = System.nanoTime();
                    MapSqlParameterSource params = new MapSqlParameterSource().addValue("tenant", tenantId)
                            .addValue("key", keyId).addValue("units", n)
                            .addValue("defaultQuota", ApiKeyDefaults.QUOTA_MONTHLY);
                    return jdbc.queryForObject(QUOTA, params, (rs, i) -> lease(rs, n, started, LocalDate.class));
                });
            }

            @Override
            public void giveBack(LeasedBudget.Lease lease, long units) {
                jdbc.update(GIVE_BACK_QUOTA, new MapSqlParameterSource().addValue("key", keyId)
                        .addValue("month", lease.period()).addValue("units", units));
            }
        };
    }

    /**
     * Leases {@code units}, or one unit when fewer are left. An {@code attempt} answers a lease, a refusal, or null
     * when the period's row was being created by another node (then it is tried again).
     */
    private static LeasedBudget.Lease leaseOrOne(long units, LongFunction<LeasedBudget.Lease> attempt) {
        LeasedBudget.Lease lease = tried(units, attempt);
        if (!lease.granted() && units > 1) {
            lease = tried(1, attempt); // fewer than the chunk were left: the last ones go one at a time
        }
        return lease;
    }

    private static LeasedBudget.Lease tried(long units, LongFunction<LeasedBudget.Lease> attempt) {
        for (int i = 0; i <= CREATION_RACES; i++) {
            LeasedBudget.Lease lease = attempt.apply(units);
            if (lease != null) {
                return lease;
            }
        }
        throw new IllegalStateException("no lease after " + CREATION_RACES + " races to create the period's row");
    }

    private static LeasedBudget.Lease lease(ResultSet rs, long units, long startedNanos, Class<?> periodType)
            throws SQLException {
        long limit = rs.getLong("lim");
        Object period = rs.getObject("period_start", periodType);
        String label = rs.getString("period_label");
        double secondsLeft = rs.getDouble("seconds_left");
        // the period ends at (statement time + secondsLeft) >= (startedNanos + secondsLeft): never later than the end
        long deadline = startedNanos + (long) (secondsLeft * TimeUnit.SECONDS.toNanos(1));
        long reservedAfter = rs.getLong("reserved_after");
        if (rs.wasNull()) {
            boolean raced = !rs.getBoolean("existed") && units <= limit;
            return raced ? null : LeasedBudget.Lease.refused(limit, period, label, deadline, secondsLeft);
        }
        return new LeasedBudget.Lease(reservedAfter - units + 1, reservedAfter, limit, period, label, deadline,
                secondsLeft);
    }
}
