package io.p3protocol.command.rules.webhook;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Array;
import java.util.Arrays;
import java.util.List;

/** Reads a tenant's allow-list from {@code rule_webhook_allowlist} (kept by WebhookAllowListProjection). */
@Component
public class WebhookAllowLists {
    private final JdbcTemplate jdbc;

    public WebhookAllowLists(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The tenant's allowed hosts, normalised; empty when it never set any. */
    public List<String> hostsOf(String tenantId) {
        List<List<String>> rows = jdbc.query("SELECT hosts FROM rule_webhook_allowlist WHERE tenant_id = ?",
                (rs, i) -> {
                    Array array = rs.getArray(1);
                    return Arrays.asList((String[]) array.getArray());
                }, tenantId);
        return rows.isEmpty() ? List.of() : List.copyOf(rows.get(0));
    }
}
