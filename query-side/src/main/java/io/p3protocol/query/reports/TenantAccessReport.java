package io.p3protocol.query.reports;

import io.p3protocol.kernel.apikeys.ApiKeyExpiredEvent;
import io.p3protocol.kernel.apikeys.ApiKeyIssuedEvent;
import io.p3protocol.kernel.apikeys.ApiKeyRevokedEvent;
import io.p3protocol.kernel.messaging.MetadataKeys;
import io.p3protocol.kernel.security.Role;
import io.p3protocol.kernel.tenancy.TenantCreatedEvent;
import io.p3protocol.kernel.tenancy.TenantReactivatedEvent;
import io.p3protocol.kernel.tenancy.TenantRenamedEvent;
import io.p3protocol.kernel.tenancy.TenantSuspendedEvent;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code tenant-access}: who could get in, as of an instant. Every tenant (id, name, status) with every key it was
 * issued: roles, status, who issued and revoked it and when, and its expiry.
 * <p>
 * A key's status is {@code revoked} or {@code expired} once such an event was recorded (the later of the two wins,
 * as in the live read model); a key still active whose {@code expiresAt} is at or before {@code asOf} counts as
 * {@code expired} even if the expiry event has not been recorded yet, because authentication already refuses it.
 */
@Component
public class TenantAccessReport implements ComplianceReport {
    public static final String NAME = "tenant-access";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String title() {
        return "Tenant access";
    }

    @Override
    public ReportProjection newProjection(ReportRequest request) {
        return new Projection(request.asOf());
    }

    public record Body(List<TenantAccess> tenants) {
    }

    public record TenantAccess(String tenantId, String name, String status, List<KeyAccess> keys) {
    }

    public record KeyAccess(String keyId, List<String> roles, String status, Instant issuedAt, String issuedBy,
                            Instant revokedAt, String revokedBy, Instant expiresAt) {
    }

    /** One run's state; tenants and keys keep the order in which they were created. */
    static final class Projection implements ReportProjection {
        private final Instant asOf;
        private final Map<String, Tenant> tenants = new LinkedHashMap<>();
        private final Map<String, Key> keys = new LinkedHashMap<>();

        private static final class Tenant {
            final String id;
            String name;
            String status = "active";
            final List<Key> keys = new ArrayList<>();

            Tenant(String id, String name) {
                this.id = id;
                this.name = name;
            }
        }

        private static final class Key {
            final String id;
            final List<String> roles;
            final Instant issuedAt;
            final String issuedBy;
            final Instant expiresAt;
            String recordedStatus = "active";
            Instant revokedAt;
            String revokedBy;

            Key(String id, List<String> roles, Instant issuedAt, String issuedBy, Instant expiresAt) {
                this.id = id;
                this.roles = roles;
                this.issuedAt = issuedAt;
                this.issuedBy = issuedBy;
                this.expiresAt = expiresAt;
            }
        }

        Projection(Instant asOf) {
            this.asOf = asOf;
        }

        @EventHandler
        void on(TenantCreatedEvent event) {
            tenants.putIfAbsent(event.tenantId(), new Tenant(event.tenantId(), event.name()));
        }

        @EventHandler
        void on(TenantRenamedEvent event) {
            Tenant tenant = tenants.get(event.tenantId());
            if (tenant != null) {
                tenant.name = event.name();
            }
        }

        @EventHandler
        void on(TenantSuspendedEvent event) {
            setStatus(event.tenantId(), "suspended");
        }

        @EventHandler
        void on(TenantReactivatedEvent event) {
            setStatus(event.tenantId(), "active");
        }

        @EventHandler
        void on(ApiKeyIssuedEvent event, @Timestamp Instant at, @MetaDataValue(MetadataKeys.ACTOR) String actor) {
            if (keys.containsKey(event.keyId())) {
                return;
            }
            Key key = new Key(event.keyId(), Arrays.asList(Role.wireNames(event.roles())), at, actor,
                    event.expiresAt());
            keys.put(key.id, key);
            Tenant tenant = tenants.get(event.tenantId());
            if (tenant != null) {
                tenant.keys.add(key);
            }
        }

        @EventHandler
        void on(ApiKeyRevokedEvent event, @Timestamp Instant at, @MetaDataValue(MetadataKeys.ACTOR) String actor) {
            Key key = keys.get(event.keyId());
            if (key != null) {
                key.recordedStatus = "revoked";
                key.revokedAt = at;
                key.revokedBy = actor;
            }
        }

        @EventHandler
        void on(ApiKeyExpiredEvent event) {
            Key key = keys.get(event.keyId());
            if (key != null) {
                key.recordedStatus = "expired";
            }
        }

        private void setStatus(String tenantId, String status) {
            Tenant tenant = tenants.get(tenantId);
            if (tenant != null) {
                tenant.status = status;
            }
        }

        @Override
        public Body result() {
            List<TenantAccess> out = new ArrayList<>(tenants.size());
            for (Tenant tenant : tenants.values()) {
                List<KeyAccess> keyAccess = tenant.keys.stream().map(k -> new KeyAccess(k.id, k.roles, statusOf(k),
                        k.issuedAt, k.issuedBy, k.revokedAt, k.revokedBy, k.expiresAt)).toList();
                out.add(new TenantAccess(tenant.id, tenant.name, tenant.status, keyAccess));
            }
            return new Body(out);
        }

        private String statusOf(Key key) {
            if ("active".equals(key.recordedStatus) && key.expiresAt != null && !asOf.isBefore(key.expiresAt)) {
                return "expired";
            }
            return key.recordedStatus;
        }
    }
}
