package io.p3protocol.projection.access;

import io.p3protocol.kernel.apikeys.ApiKeyIssuedEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * {@code api_key_quota}: each key's monthly quota, which the per-request metering reads. In the subscribing
 * processor {@code auth-credentials}, like the credential the key authenticates with, so a key is metered against
 * its own quota from its first request.
 */
@Component
@ProcessingGroup(CredentialProjection.PROCESSING_GROUP)
public class ApiKeyQuotaProjection {
    private final JdbcTemplate jdbc;

    public ApiKeyQuotaProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(ApiKeyIssuedEvent event) {
        jdbc.update("""
                INSERT INTO api_key_quota (key_id, tenant_id, quota_monthly) VALUES (?, ?, ?)
                ON CONFLICT (key_id) DO NOTHING""", event.keyId(), event.tenantId(), event.quotaMonthly());
    }
}
