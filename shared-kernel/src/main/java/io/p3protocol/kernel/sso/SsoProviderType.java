package io.p3protocol.kernel.sso;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** The protocol an SSO provider speaks: OpenID Connect (authorization code + PKCE) or SAML 2.0 (SP-initiated). */
public enum SsoProviderType {
    OIDC, SAML;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static SsoProviderType fromWire(String value) {
        for (SsoProviderType type : values()) {
            if (type.wireName().equalsIgnoreCase(value == null ? "" : value.trim())) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown SSO provider type '" + value + "' (expected oidc or saml)");
    }
}
