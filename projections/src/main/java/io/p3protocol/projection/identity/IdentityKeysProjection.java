package io.p3protocol.projection.identity;

import io.p3protocol.kernel.identity.IdentityKeysRegisteredEvent;
import io.p3protocol.kernel.identity.IdentityKeysRevokedEvent;
import io.p3protocol.kernel.identity.IdentityKeysRotatedEvent;
import io.p3protocol.kernel.identity.IdentityKeysStatus;
import io.p3protocol.kernel.messaging.EventSources;
import io.p3protocol.kernel.messaging.MetadataKeys;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.SubscribableMessageSource;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;

/**
 * Builds {@code identity_keys_view}. Subscribing, so it runs inside the transaction that appends the event (as the
 * credential tables do): encapsulation reads this table and must never see a key that was already rotated away or
 * revoked. A re-registration after a revocation resets the row. Writes are idempotent upserts.
 */
@Component
@ProcessingGroup(IdentityKeysProjection.PROCESSING_GROUP)
public class IdentityKeysProjection {
    public static final String PROCESSING_GROUP = "identity-keys";

    private final JdbcTemplate jdbc;

    public IdentityKeysProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(IdentityKeysRegisteredEvent event, @Timestamp Instant at, @MetaDataValue(MetadataKeys.ACTOR) String actor) {
        jdbc.update("""
                INSERT INTO identity_keys_view (identity_id, tenant_id, wallet, x25519_public_key, ml_kem_1024_public_key,
                                                kyber_enabled, status, registered_at, rotated_at, revoked_at,
                                                rotation_count, updated_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, 0, ?)
                ON CONFLICT (identity_id) DO UPDATE SET
                    x25519_public_key = EXCLUDED.x25519_public_key,
                    ml_kem_1024_public_key = EXCLUDED.ml_kem_1024_public_key,
                    kyber_enabled = EXCLUDED.kyber_enabled, status = EXCLUDED.status,
                    registered_at = EXCLUDED.registered_at, rotated_at = NULL, revoked_at = NULL, rotation_count = 0,
                    updated_by = EXCLUDED.updated_by""",
                event.identityId(), event.tenantId(), event.wallet(), event.x25519PublicKey(),
                event.mlKem1024PublicKey(), event.kyberEnabled(), IdentityKeysStatus.ACTIVE.name(),
                java.sql.Timestamp.from(at), actor);
    }

    @EventHandler
    void on(IdentityKeysRotatedEvent event, @Timestamp Instant at, @MetaDataValue(MetadataKeys.ACTOR) String actor) {
        jdbc.update("""
                UPDATE identity_keys_view SET x25519_public_key = ?, ml_kem_1024_public_key = ?, kyber_enabled = ?,
                       rotated_at = ?, rotation_count = rotation_count + 1, updated_by = ?
                WHERE identity_id = ?""",
                event.x25519PublicKey(), event.mlKem1024PublicKey(), event.kyberEnabled(), java.sql.Timestamp.from(at),
                actor, event.identityId());
    }

    @EventHandler
    void on(IdentityKeysRevokedEvent event, @Timestamp Instant at, @MetaDataValue(MetadataKeys.ACTOR) String actor) {
        jdbc.update("UPDATE identity_keys_view SET status = ?, revoked_at = ?, updated_by = ? WHERE identity_id = ?",
                IdentityKeysStatus.REVOKED.name(), java.sql.Timestamp.from(at), actor, event.identityId());
    }

    /**
     * Registers "identity-keys" as a subscribing processor here rather than in application.yml, so this feature's
     * processor setting lives with its projection (Axon's default would be a tracking processor, which would let an
     * encapsulation read keys that were already revoked).
     */
    @Configuration(proxyBeanMethods = false)
    static class SubscribingProcessor {
        @Bean
        ConfigurerModule identityKeysSubscribingProcessor(
                @Qualifier(EventSources.SUBSCRIBER_EVENTS) ObjectProvider<SubscribableMessageSource<EventMessage<?>>> events) {
            return configurer -> configurer.eventProcessing(processing ->
                    processing.registerSubscribingEventProcessor(PROCESSING_GROUP, c -> events.getObject()));
        }
    }
}
