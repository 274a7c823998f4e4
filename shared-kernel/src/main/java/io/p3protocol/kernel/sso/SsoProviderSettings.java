package io.p3protocol.kernel.sso;

import io.p3protocol.kernel.security.Role;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a provider is, without its client secret: that lives in the vault under {@code clientSecretName}.
 * {@code roleMapping} maps {@code "default"} and granted scope or group/role claim values to this platform's roles.
 * <p>
 * For a SAML provider the same fields name the SAML parts: {@code issuer} is the IdP's entityID, {@code clientId}
 * this service's (SP) entityID, the Audience the IdP must name; {@code redirectUri} the Assertion Consumer Service
 * URL; {@code idpSsoUrl} where the AuthnRequest goes (HTTP-Redirect) and {@code idpCertificate} the IdP's signing
 * certificate (base64 DER, public). Both are null for OIDC, as are {@code clientSecretName} and the scopes for SAML.
 */
public record SsoProviderSettings(SsoProviderType type, String issuer, String clientId, String clientSecretName,
                                  String redirectUri, List<String> scopes, Map<String, Set<Role>> roleMapping,
                                  String idpSsoUrl, String idpCertificate) {
    public static final String DEFAULT_ROLES_KEY = "default";

    public SsoProviderSettings {
        scopes = scopes == null ? List.of() : List.copyOf(scopes);
        roleMapping = Map.copyOf(roleMapping);
    }

    /** An OIDC provider's settings (no SAML parts). */
    public SsoProviderSettings(SsoProviderType type, String issuer, String clientId, String clientSecretName,
                               String redirectUri, List<String> scopes, Map<String, Set<Role>> roleMapping) {
        this(type, issuer, clientId, clientSecretName, redirectUri, scopes, roleMapping, null, null);
    }
}
