package io.p3protocol.projection.tenancy;

import io.p3protocol.kernel.apikeys.ApiKeyExpiredEvent;
import io.p3protocol.kernel.apikeys.ApiKeyIssuedEvent;
import io.p3protocol.kernel.apikeys.ApiKeyRevokedEvent;
import io.p3protocol.kernel.apikeys.ApiKeyStatus;
import io.p3protocol.kernel.apikeys.ApiKeySummary;
import io.p3protocol.kernel.apikeys.WatchApiKeyIssues;
import io.p3protocol.kernel.messaging.MetadataKeys;
import io.p3protocol.kernel.security.Role;
import io.p3protocol.kernel.tenancy.TenantCreatedEvent;
import io.p3protocol.kernel.tenancy.TenantReactivatedEvent;
import io.p3protocol.kernel.tenancy.TenantRenamedEvent;
import io.p3protocol.kernel.tenancy.TenantStatus;
import io.p3protocol.kernel.tenancy.TenantSummary;
import io.p3protocol.kernel.tenancy.TenantSuspendedEvent;
import io.p3protocol.kernel.tenancy.WatchTenantCreations;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.interceptors.MessageHandlerInterceptor;
import io.p3protocol.projection.support.EventSavepoints;
import org.axonframework.eventhandling.ReplayStatus;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/**
 * Builds {@code tenant_view} and {@code api_key_view}. Runs in a replayable streaming processor; every write is
 * idempotent because a processor may see an event twice after a crash. New tenants and keys are also pushed to live
 * subscription queries (GraphQL subscriptions); the emitter sends them after the transaction commits, and nothing is
 * pushed while replaying, so a rebuild never replays history to subscribers. (The replay flag comes from a
 * {@link ReplayStatus} parameter: the {@link TrackingToken} parameter is handed over already unwrapped from its
 * ReplayToken, so {@code ReplayToken.isReplay(token)} on it is always false.)
 */
@Component
@ProcessingGroup(TenancyViewProjection.PROCESSING_GROUP)
public class TenancyViewProjection {
    public static final String PROCESSING_GROUP = "tenancy-views";

    private final JdbcTemplate jdbc;
    private final QueryUpdateEmitter emitter;
    private final EventSavepoints savepoints;

    public TenancyViewProjection(JdbcTemplate jdbc, QueryUpdateEmitter emitter, EventSavepoints savepoints) {
        this.jdbc = jdbc;
        this.emitter = emitter;
        this.savepoints = savepoints;
    }

    /** A failing event is dead-lettered on its own instead of failing its batch (see EventSavepoints). */
    @MessageHandlerInterceptor(messageType = EventMessage.class)
    Object oneSavepointPerEvent(InterceptorChain chain) throws Exception {
        return savepoints.around(PROCESSING_GROUP, chain);
    }

    @EventHandler
    void on(TenantCreatedEvent event, @org.axonframework.eventhandling.Timestamp Instant at,
            @MetaDataValue(MetadataKeys.ACTOR) String actor, EventMessage<?> message, ReplayStatus replay) {
        List<Long> inserted = jdbc.queryForList("""
                INSERT INTO tenant_view (tenant_id, name, status, created_at, created_by, updated_at, list_position)
                SELECT ?, ?, ?, ?, ?, ?, globalindex FROM domainevententry WHERE eventidentifier = ?
                ON CONFLICT (tenant_id) DO NOTHING RETURNING list_position""", Long.class,
                event.tenantId(), event.name(), TenantStatus.ACTIVE.name(), ts(at), actor, ts(at),
                message.getIdentifier());
        if (!inserted.isEmpty() && !replay.isReplay()) {
            emitter.emit(WatchTenantCreations.class, watch -> watch.covers(event.tenantId()),
                    new TenantSummary(event.tenantId(), event.name(), TenantStatus.ACTIVE, at, actor, at,
                            inserted.get(0)));
        }
    }

    @EventHandler
    void on(TenantRenamedEvent event, @org.axonframework.eventhandling.Timestamp Instant at) {
        jdbc.update("UPDATE tenant_view SET name = ?, updated_at = ? WHERE tenant_id = ?", event.name(), ts(at),
                event.tenantId());
    }

    @EventHandler
    void on(TenantSuspendedEvent event, @org.axonframework.eventhandling.Timestamp Instant at) {
        setTenantStatus(event.tenantId(), TenantStatus.SUSPENDED, at);
    }

    @EventHandler
    void on(TenantReactivatedEvent event, @org.axonframework.eventhandling.Timestamp Instant at) {
        setTenantStatus(event.tenantId(), TenantStatus.ACTIVE, at);
    }

    @EventHandler
    void on(ApiKeyIssuedEvent event, @org.axonframework.eventhandling.Timestamp Instant at,
            @MetaDataValue(MetadataKeys.ACTOR) String actor, EventMessage<?> message, ReplayStatus replay) {
        List<Long> inserted = jdbc.queryForList("""
                INSERT INTO api_key_view (key_id, tenant_id, roles, status, expires_at, quota_monthly, issued_at,
                                          issued_by, list_position)
                SELECT ?, ?, ?, 'ACTIVE', ?, ?, ?, ?, globalindex FROM domainevententry WHERE eventidentifier = ?
                ON CONFLICT (key_id) DO NOTHING RETURNING list_position""",
                Long.class, event.keyId(), event.tenantId(), Role.wireNames(event.roles()), ts(event.expiresAt()),
                event.quotaMonthly(), ts(at), actor, message.getIdentifier());
        if (!inserted.isEmpty() && !replay.isReplay()) {
            emitter.emit(WatchApiKeyIssues.class, watch -> watch.covers(event.tenantId()),
                    new ApiKeySummary(event.keyId(), event.tenantId(), event.roles().stream().sorted().toList(),
                            ApiKeyStatus.ACTIVE, event.expiresAt(), event.quotaMonthly(), at, actor, null, null, null,
                            null, inserted.get(0)));
        }
    }

    @EventHandler
    void on(ApiKeyRevokedEvent event, @org.axonframework.eventhandling.Timestamp Instant at,
            @MetaDataValue(MetadataKeys.ACTOR) String actor) {
        jdbc.update("""
                UPDATE api_key_view SET status = 'REVOKED', revoked_at = ?, revoked_by = ?, revoke_reason = ?
                WHERE key_id = ?""", ts(at), actor, event.reason(), event.keyId());
    }

    @EventHandler
    void on(ApiKeyExpiredEvent event, @org.axonframework.eventhandling.Timestamp Instant at) {
        jdbc.update("UPDATE api_key_view SET status = 'EXPIRED', expired_at = ? WHERE key_id = ?", ts(at),
                event.keyId());
    }

    @ResetHandler
    void onReset() {
        jdbc.update("TRUNCATE tenant_view, api_key_view");
    }

    private void setTenantStatus(String tenantId, TenantStatus status, Instant at) {
        jdbc.update("UPDATE tenant_view SET status = ?, updated_at = ? WHERE tenant_id = ?", status.name(), ts(at),
                tenantId);
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

}
