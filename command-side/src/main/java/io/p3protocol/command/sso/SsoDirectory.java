package io.p3protocol.command.sso;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.p3protocol.kernel.security.Role;
import io.p3protocol.kernel.sso.SsoProviderType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads {@code sso_provider_view} and {@code sso_identity_view} (written in the appending transaction). */
@Component
public class SsoDirectory {
    private static final TypeReference<Map<String, Set<Role>>> ROLE_MAPPING = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;
    private final ObjectMapper mapper;

    public SsoDirectory(JdbcTemplate jdbc, ObjectMapper mapper) {
        this.jdbc = jdbc;
        this.mapper = mapper;
    }

    /**
     * A provider without its client secret (the vault holds it under {@code clientSecretName}). For SAML,
     * {@code issuer} is the IdP entityID, {@code clientId} the SP entityID and {@code redirectUri} the ACS URL.
     */
    public record ProviderView(String providerId, String tenantId, SsoProviderType type, String issuer,
                               String clientId, String redirectUri, List<String> scopes,
                               Map<String, Set<Role>> roleMapping, boolean active, Instant createdAt,
                               @com.fasterxml.jackson.annotation.JsonIgnore String clientSecretName,
                               @JsonInclude(JsonInclude.Include.NON_NULL) String idpSsoUrl,
                               @JsonInclude(JsonInclude.Include.NON_NULL) String idpCertificate) {
    }

    public record IdentityView(String identityId, String tenantId, String providerId, String subject, String wallet,
                               List<String> roles, boolean linked, Instant firstLinkedAt, Instant lastLoginAt,
                               Instant unlinkedAt) {
    }

    public Optional<ProviderView> provider(String providerId) {
        return jdbc.query("SELECT * FROM sso_provider_view WHERE provider_id = ?", this::mapProvider, providerId)
                .stream().findFirst();
    }

    public List<ProviderView> providers(String tenantId) {
        return jdbc.query("SELECT * FROM sso_provider_view WHERE tenant_id = ? ORDER BY created_at, provider_id",
                this::mapProvider, tenantId);
    }

    public List<IdentityView> identities(String tenantId) {
        return jdbc.query("""
                SELECT * FROM sso_identity_view WHERE tenant_id = ? ORDER BY first_linked_at, identity_id""",
                (rs, i) -> new IdentityView(rs.getString("identity_id"), rs.getString("tenant_id"),
                        rs.getString("provider_id"), rs.getString("subject"), rs.getString("wallet"),
                        strings(rs.getArray("roles")), rs.getBoolean("linked"), instant(rs, "first_linked_at"),
                        instant(rs, "last_login_at"), instant(rs, "unlinked_at")), tenantId);
    }

    private ProviderView mapProvider(ResultSet rs, int row) throws SQLException {
        try {
            return new ProviderView(rs.getString("provider_id"), rs.getString("tenant_id"),
                    SsoProviderType.fromWire(rs.getString("type")), rs.getString("issuer"), rs.getString("client_id"),
                    rs.getString("redirect_uri"), strings(rs.getArray("scopes")),
                    mapper.readValue(rs.getString("role_mapping"), ROLE_MAPPING), rs.getBoolean("active"),
                    instant(rs, "created_at"), rs.getString("client_secret_name"), rs.getString("idp_sso_url"),
                    rs.getString("idp_certificate"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        java.sql.Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }
}
