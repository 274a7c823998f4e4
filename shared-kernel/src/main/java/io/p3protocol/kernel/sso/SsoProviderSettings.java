package io.p3protocol.kernel.sso;

import io.p3protocol.kernel.security.Role;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a provider is, without its client secret: that lives in the vault under {@code clientSecretName}.
 * {@code roleMapping} maps {@code "default"} and granted scope or group/role claim values to this platform's roles.
 */
public record SsoProviderSettings(SsoProviderType type, String issuer, String clientId, String clientSecretName,
                                  String redirectUri, List<String> scopes, Map<String, Set<Role>> roleMapping) {
    public static final String DEFAULT_ROLES_KEY = "default";

    public SsoProviderSettings {
        scopes = List.copyOf(scopes);
        roleMapping = Map.copyOf(roleMapping);
    }
}
