package io.p3protocol.projection.rules;

import io.p3protocol.kernel.rules.WebhookAllowListSetEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.ZoneOffset;

/**
 * {@code rule_webhook_allowlist}: each tenant's current webhook allow-list. A subscribing processor, so the row
 * changes in the transaction that appends the event: the rule-actions runner sees a new list as soon as the PUT
 * returned, on every node.
 */
@Component
@ProcessingGroup(WebhookAllowListProjection.PROCESSING_GROUP)
public class WebhookAllowListProjection {
    public static final String PROCESSING_GROUP = "rule-webhook-allowlist";

    private final JdbcTemplate jdbc;

    public WebhookAllowListProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(WebhookAllowListSetEvent event, @Timestamp Instant at) {
        jdbc.update(con -> {
            var statement = con.prepareStatement("""
                    INSERT INTO rule_webhook_allowlist (tenant_id, hosts, updated_at) VALUES (?, ?, ?)
                    ON CONFLICT (tenant_id) DO UPDATE SET hosts = EXCLUDED.hosts, updated_at = EXCLUDED.updated_at""");
            statement.setString(1, event.tenantId());
            statement.setArray(2, con.createArrayOf("text", event.hosts().toArray()));
            statement.setObject(3, at.atOffset(ZoneOffset.UTC));
            return statement;
        });
    }
}
