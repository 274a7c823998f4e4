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
import io.p3protocol.projection.support.BatchedWrites;
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
 * <p>
 * Writes go through {@link BatchedWrites}: during a replay, and for every update, a batch's writes reach
 * PostgreSQL as a few JDBC batches when it commits. A live creation is written at once, because its subscribers
 * are told the row's list position.
 */
@Component
@ProcessingGroup(TenancyViewProjection.PROCESSING_GROUP)
public class TenancyViewProjection {
    public static final String PROCESSING_GROUP = "tenancy-views";
    /** A row's list position is its creation event's own global index: two events can share a token position. */
    private static final String INSERT_TENANT = """
            INSERT INTO tenant_view (tenant_id, name, status, created_at, created_by, updated_at, list_position)
            SELECT ?, ?, ?, ?, ?, ?, globalindex FROM domainevententry WHERE eventidentifier = ?
            ON CONFLICT (tenant_id) DO NOTHING""";
    private static final String INSERT_KEY = """
            INSERT INTO api_key_view (key_id, tenant_id, roles, status, expires_at, quota_monthly, issued_at,
                                      issued_by, list_position)
            SELECT ?, ?, ?, 'ACTIVE', ?, ?, ?, ?, globalindex FROM domainevententry WHERE eventidentifier = ?
            ON CONFLICT (key_id) DO NOTHING""";

    private final JdbcTemplate jdbc;
    private final QueryUpdateEmitter emitter;
    private final EventSavepoints savepoints;
    private final BatchedWrites writes;

    public TenancyViewProjection(JdbcTemplate jdbc, QueryUpdateEmitter emitter, EventSavepoints savepoints,
                                 BatchedWrites writes) {
        this.jdbc = jdbc;
        this.emitter = emitter;
        this.savepoints = savepoints;
        this.writes = writes;
    }

    /** A failing event is dead-lettered on its own instead of failing its batch (see EventSavepoints). */
    @MessageHandlerInterceptor(messageType = EventMessage.class)
    Object oneSavepointPerEvent(InterceptorChain chain) throws Exception {
        return savepoints.around(PROCESSING_GROUP, chain);
    }

    @EventHandler
    void on(TenantCreatedEvent event, @org.axonframework.eventhandling.Timestamp Instant at,
            @MetaDataValue(MetadataKeys.ACTOR) String actor, EventMessage<?> message, ReplayStatus replay) {
        Object[] row = {event.tenantId(), event.name(), TenantStatus.ACTIVE.name(), ts(at), actor, ts(at),
                message.getIdentifier()};
        if (replay.isReplay()) { // nobody to tell: the write can wait for the batch's end
            writes.write(PROCESSING_GROUP, tenant(event.tenantId()), INSERT_TENANT, row);
            return;
        }
        writes.flush(PROCESSING_GROUP);
        List<Long> inserted = jdbc.queryForList(INSERT_TENANT + " RETURNING list_position", Long.class, row);
        if (!inserted.isEmpty()) {
            emitter.emit(WatchTenantCreations.class, watch -> watch.covers(event.tenantId()),
                    new TenantSummary(event.tenantId(), event.name(), TenantStatus.ACTIVE, at, actor, at,
                            inserted.get(0)));
        }
    }

    @EventHandler
    void on(TenantRenamedEvent event, @org.axonframework.eventhandling.Timestamp Instant at) {
        writes.write(PROCESSING_GROUP, tenant(event.tenantId()),
                "UPDATE tenant_view SET name = ?, updated_at = ? WHERE tenant_id = ?", event.name(), ts(at),
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
        Object[] row = {event.keyId(), event.tenantId(), Role.wireNames(event.roles()), ts(event.expiresAt()),
                event.quotaMonthly(), ts(at), actor, message.getIdentifier()};
        if (replay.isReplay()) {
            writes.write(PROCESSING_GROUP, key(event.keyId()), INSERT_KEY, row);
            return;
        }
        writes.flush(PROCESSING_GROUP);
        List<Long> inserted = jdbc.queryForList(INSERT_KEY + " RETURNING list_position", Long.class, row);
        if (!inserted.isEmpty()) {
            emitter.emit(WatchApiKeyIssues.class, watch -> watch.covers(event.tenantId()),
                    new ApiKeySummary(event.keyId(), event.tenantId(), event.roles().stream().sorted().toList(),
                            ApiKeyStatus.ACTIVE, event.expiresAt(), event.quotaMonthly(), at, actor, null, null, null,
                            null, inserted.get(0)));
        }
    }

    @EventHandler
    void on(ApiKeyRevokedEvent event, @org.axonframework.eventhandling.Timestamp Instant at,
            @MetaDataValue(MetadataKeys.ACTOR) String actor) {
        writes.write(PROCESSING_GROUP, key(event.keyId()), """
                UPDATE api_key_view SET status = 'REVOKED', revoked_at = ?, revoked_by = ?, revoke_reason = ?
                WHERE key_id = ?""", ts(at), actor, event.reason(), event.keyId());
    }

    @EventHandler
    void on(ApiKeyExpiredEvent event, @org.axonframework.eventhandling.Timestamp Instant at) {
        writes.write(PROCESSING_GROUP, key(event.keyId()),
                "UPDATE api_key_view SET status = 'EXPIRED', expired_at = ? WHERE key_id = ?", ts(at),
                event.keyId());
    }

    @ResetHandler
    void onReset() {
        jdbc.update("TRUNCATE tenant_view, api_key_view");
    }

    private void setTenantStatus(String tenantId, TenantStatus status, Instant at) {
        writes.write(PROCESSING_GROUP, tenant(tenantId),
                "UPDATE tenant_view SET status = ?, updated_at = ? WHERE tenant_id = ?", status.name(), ts(at),
                tenantId);
    }

    private static String tenant(String tenantId) {
        return "tenant:" + tenantId;
    }

    private static String key(String keyId) {
        return "key:" + keyId;
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

}
