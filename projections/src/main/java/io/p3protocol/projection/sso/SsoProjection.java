package io.p3protocol.projection.sso;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.p3protocol.kernel.messaging.MetadataKeys;
import io.p3protocol.kernel.security.Role;
import io.p3protocol.kernel.sso.SsoIdentityLinkedEvent;
import io.p3protocol.kernel.sso.SsoIdentityUnlinkedEvent;
import io.p3protocol.kernel.sso.SsoProviderDeactivatedEvent;
import io.p3protocol.kernel.sso.SsoProviderRegisteredEvent;
import io.p3protocol.kernel.sso.SsoProviderSettings;
import io.p3protocol.projection.access.CredentialProjection;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;

/**
 * {@code sso_provider_view} and {@code sso_identity_view}. Part of the subscribing processor
 * {@code auth-credentials}: the login flow reads the provider row, so a deactivation must hold at once.
 */
@Component
@ProcessingGroup(CredentialProjection.PROCESSING_GROUP)
public class SsoProjection {
    private final JdbcTemplate jdbc;
    private final ObjectMapper mapper;

    public SsoProjection(JdbcTemplate jdbc, ObjectMapper mapper) {
        this.jdbc = jdbc;
        this.mapper = mapper;
    }

    @EventHandler
    void on(SsoProviderRegisteredEvent event, @org.axonframework.eventhandling.Timestamp Instant at,
            @MetaDataValue(MetadataKeys.ACTOR) String actor) throws JsonProcessingException {
        SsoProviderSettings settings = event.settings();
        jdbc.update("""
                INSERT INTO sso_provider_view (provider_id, tenant_id, type, issuer, client_id, client_secret_name,
                                               redirect_uri, scopes, role_mapping, active, created_at, created_by,
                                               idp_sso_url, idp_certificate)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, TRUE, ?, ?, ?, ?)
                ON CONFLICT (provider_id) DO NOTHING""",
                event.providerId(), event.tenantId(), settings.type().wireName(), settings.issuer(),
                settings.clientId(), settings.clientSecretName(), settings.redirectUri(),
                settings.scopes().toArray(String[]::new), mapper.writeValueAsString(settings.roleMapping()),
                Timestamp.from(at), actor, settings.idpSsoUrl(), settings.idpCertificate());
    }

    @EventHandler
    void on(SsoProviderDeactivatedEvent event) {
        jdbc.update("UPDATE sso_provider_view SET active = FALSE WHERE provider_id = ?", event.providerId());
    }

    @EventHandler
    void on(SsoIdentityLinkedEvent event, @org.axonframework.eventhandling.Timestamp Instant at) {
        jdbc.update("""
                INSERT INTO sso_identity_view (identity_id, tenant_id, provider_id, subject, wallet, roles, linked,
                                               first_linked_at, last_login_at)
                VALUES (?, ?, ?, ?, ?, ?, TRUE, ?, ?)
                ON CONFLICT (identity_id) DO UPDATE SET wallet = EXCLUDED.wallet, roles = EXCLUDED.roles,
                    linked = TRUE, last_login_at = EXCLUDED.last_login_at, unlinked_at = NULL""",
                event.identityId(), event.tenantId(), event.providerId(), event.subject(), event.wallet(),
                Role.wireNames(event.roles()), Timestamp.from(at), Timestamp.from(at));
    }

    @EventHandler
    void on(SsoIdentityUnlinkedEvent event, @org.axonframework.eventhandling.Timestamp Instant at) {
        jdbc.update("UPDATE sso_identity_view SET linked = FALSE, unlinked_at = ? WHERE identity_id = ?",
                Timestamp.from(at), event.identityId());
    }
}
