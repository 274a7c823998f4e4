package io.p3protocol.app.vault;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.p3protocol.kernel.vault.SecretStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Prometheus gauge {@code p3_vault_secrets{tenant, state}}: per tenant that has live secrets, how many are
 * {@code expiring} (within 7 days of expiry) and how many {@code expired}, both 0 when none, so an alert can
 * clear. States follow the clock as well as the recorded deadline events (as GraphQL does). Refreshed from
 * {@code secret_view} every {@code p3.vault.gauge-refresh-ms} (15 s), so a scrape never queries the database.
 */
@Component
public class VaultSecretsGauge {
    public static final String NAME = "p3.vault.secrets";

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final MultiGauge gauge;

    public VaultSecretsGauge(JdbcTemplate jdbc, Clock clock, MeterRegistry registry) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.gauge = MultiGauge.builder(NAME)
                .description("Live vault secrets per tenant that are expiring (within 7 days) or expired")
                .register(registry);
    }

    @Scheduled(initialDelay = 0, fixedDelayString = "${p3.vault.gauge-refresh-ms:15000}")
    public void refresh() {
        Instant now = clock.instant();
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        jdbc.query("""
                SELECT tenant_id,
                       count(*) FILTER (WHERE status = 'EXPIRED' OR expires_at <= ?) AS expired,
                       count(*) FILTER (WHERE status <> 'EXPIRED' AND expires_at > ?
                                        AND (status = 'EXPIRING' OR expires_at <= ?)) AS expiring
                FROM secret_view WHERE status <> 'DESTROYED' GROUP BY tenant_id""",
                rs -> {
                    String tenant = rs.getString("tenant_id");
                    rows.add(MultiGauge.Row.of(Tags.of("tenant", tenant, "state", "expired"), rs.getLong("expired")));
                    rows.add(MultiGauge.Row.of(Tags.of("tenant", tenant, "state", "expiring"), rs.getLong("expiring")));
                },
                Timestamp.from(now), Timestamp.from(now), Timestamp.from(now.plus(SecretStatus.WARNING)));
        gauge.register(rows, true);
    }
}
