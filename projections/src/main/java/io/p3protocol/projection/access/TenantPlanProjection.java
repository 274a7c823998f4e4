package io.p3protocol.projection.access;

import io.p3protocol.kernel.messaging.MetadataKeys;
import io.p3protocol.kernel.tenancy.TenantTierChangedEvent;
import io.p3protocol.kernel.tenancy.TenantZoneChangedEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;

/**
 * {@code tenant_tier} and {@code tenant_zone}. In the subscribing processor {@code auth-credentials}, so a tier
 * change is enforced (SSO gate) and a placement is listed on every node as soon as the command returns.
 */
@Component
@ProcessingGroup(CredentialProjection.PROCESSING_GROUP)
public class TenantPlanProjection {
    private final JdbcTemplate jdbc;

    public TenantPlanProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(TenantTierChangedEvent event, @org.axonframework.eventhandling.Timestamp Instant at,
            @MetaDataValue(MetadataKeys.ACTOR) String actor) {
        jdbc.update("""
                INSERT INTO tenant_tier (tenant_id, tier, updated_at, updated_by) VALUES (?, ?, ?, ?)
                ON CONFLICT (tenant_id) DO UPDATE SET tier = EXCLUDED.tier, updated_at = EXCLUDED.updated_at,
                    updated_by = EXCLUDED.updated_by""",
                event.tenantId(), event.tier().wireName(), Timestamp.from(at), actor);
    }

    @EventHandler
    void on(TenantZoneChangedEvent event, @org.axonframework.eventhandling.Timestamp Instant at,
            @MetaDataValue(MetadataKeys.ACTOR) String actor) {
        jdbc.update("""
                INSERT INTO tenant_zone (tenant_id, provider, region, placed_at, placed_by) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (tenant_id) DO UPDATE SET provider = EXCLUDED.provider, region = EXCLUDED.region,
                    placed_at = EXCLUDED.placed_at, placed_by = EXCLUDED.placed_by""",
                event.tenantId(), event.zone().provider(), event.zone().region(), Timestamp.from(at), actor);
    }
}
