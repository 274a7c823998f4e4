package io.p3protocol.projection.access;

import io.p3protocol.kernel.messaging.MetadataKeys;
import io.p3protocol.kernel.policy.Feature;
import io.p3protocol.kernel.policy.TenantPolicy;
import io.p3protocol.kernel.policy.TenantPolicyChangedEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;

/**
 * {@code tenant_policy}: the policy in force per tenant. Part of the subscribing processor {@code auth-credentials}
 * (like {@link CredentialProjection}), so it is written in the transaction that records the change and every check
 * that reads it (sandbox, headers, feature gate) is strongly consistent across nodes.
 * <p>
 * Once the change is committed, it tells this node's Spring context ({@link Replaced}), so a node-local cache of
 * the policy (the HTTP policy checks keep one) drops the tenant's entry at once rather than when it expires.
 */
@Component
@ProcessingGroup(CredentialProjection.PROCESSING_GROUP)
public class TenantPolicyProjection {
    private final JdbcTemplate jdbc;
    private final ApplicationEventPublisher publisher;

    /** A tenant's policy row was replaced and that is committed (a Spring application event, this node only). */
    public record Replaced(String tenantId) {
    }

    public TenantPolicyProjection(JdbcTemplate jdbc, ApplicationEventPublisher publisher) {
        this.jdbc = jdbc;
        this.publisher = publisher;
    }

    @EventHandler
    void on(TenantPolicyChangedEvent event, @org.axonframework.eventhandling.Timestamp Instant at,
            @MetaDataValue(MetadataKeys.ACTOR) String actor) {
        TenantPolicy policy = event.policy();
        jdbc.update("""
                INSERT INTO tenant_policy (tenant_id, sandbox, sandbox_chain, rate_limit_rpm, max_sessions,
                                           allowed_features, data_region, retention_days, export_allowed, updated_at,
                                           updated_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (tenant_id) DO UPDATE SET sandbox = EXCLUDED.sandbox,
                    sandbox_chain = EXCLUDED.sandbox_chain, rate_limit_rpm = EXCLUDED.rate_limit_rpm,
                    max_sessions = EXCLUDED.max_sessions, allowed_features = EXCLUDED.allowed_features,
                    data_region = EXCLUDED.data_region, retention_days = EXCLUDED.retention_days,
                    export_allowed = EXCLUDED.export_allowed, updated_at = EXCLUDED.updated_at,
                    updated_by = EXCLUDED.updated_by""",
                event.tenantId(), policy.sandbox(), policy.sandboxChain(), policy.rateLimitRpm(),
                policy.maxSessions(), policy.allowedFeatures().stream().map(Feature::wireName).toArray(String[]::new),
                policy.dataRegion(), policy.retentionDays(), policy.exportAllowed(), Timestamp.from(at), actor);
        Replaced replaced = new Replaced(event.tenantId());
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().afterCommit(unitOfWork -> publisher.publishEvent(replaced));
        } else {
            publisher.publishEvent(replaced);
        }
    }
}
