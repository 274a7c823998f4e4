package io.p3protocol.command.sso;

import com.onelogin.saml2.settings.Saml2Settings;
import com.onelogin.saml2.settings.SettingsBuilder;
import com.onelogin.saml2.util.Constants;
import io.p3protocol.command.sso.SsoDirectory.ProviderView;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * java-saml's settings for one SAML provider: this service is the SP (entityID = the provider's {@code clientId},
 * ACS = its {@code redirectUri}, HTTP-POST), the IdP is the provider's entityID, SSO URL (HTTP-Redirect) and signing
 * certificate. The SP has no key of its own: AuthnRequests are unsigned and assertions are not encrypted.
 */
final class SamlSettings {
    /** Every SAML provider's ACS URL ends with this path: {@code POST /api/enterprise/sso/saml/acs}. */
    static final String ACS_PATH = "/api/enterprise/sso/saml/acs";
    static final String METADATA_PATH = "/api/enterprise/sso/saml/metadata/";
    /** A stable, opaque subject per user: what an identity link needs (a transient NameID would change per login). */
    static final String NAME_ID_FORMAT = Constants.NAMEID_PERSISTENT;

    private SamlSettings() {
    }

    /**
     * {@code strict} turns on every check of a Response beyond its signature: schema, InResponseTo, Conditions
     * (NotBefore/NotOnOrAfter with the library's 180 s clock drift), Destination, Audience, Issuer, SubjectConfirmation.
     */
    static Saml2Settings of(ProviderView provider, boolean strict) {
        Map<String, Object> values = new HashMap<>();
        values.put(SettingsBuilder.STRICT_PROPERTY_KEY, strict);
        values.put(SettingsBuilder.SP_ENTITYID_PROPERTY_KEY, provider.clientId());
        values.put(SettingsBuilder.SP_ASSERTION_CONSUMER_SERVICE_URL_PROPERTY_KEY, provider.redirectUri());
        values.put(SettingsBuilder.SP_ASSERTION_CONSUMER_SERVICE_BINDING_PROPERTY_KEY, Constants.BINDING_HTTP_POST);
        values.put(SettingsBuilder.SP_NAMEIDFORMAT_PROPERTY_KEY, NAME_ID_FORMAT);
        values.put(SettingsBuilder.IDP_ENTITYID_PROPERTY_KEY, provider.issuer());
        values.put(SettingsBuilder.IDP_SINGLE_SIGN_ON_SERVICE_URL_PROPERTY_KEY, provider.idpSsoUrl());
        values.put(SettingsBuilder.IDP_SINGLE_SIGN_ON_SERVICE_BINDING_PROPERTY_KEY, Constants.BINDING_HTTP_REDIRECT);
        values.put(SettingsBuilder.IDP_X509CERT_PROPERTY_KEY, certificate(provider.idpCertificate()));
        values.put(SettingsBuilder.SECURITY_AUTHREQUEST_SIGNED, false);
        values.put(SettingsBuilder.SECURITY_WANT_NAMEID, true);
        values.put(SettingsBuilder.SECURITY_WANT_XML_VALIDATION, true);
        // SHA-1 signatures and digests are refused
        values.put(SettingsBuilder.SECURITY_REJECT_DEPRECATED_ALGORITHM, true);
        values.put(SettingsBuilder.UNIQUE_ID_PREFIX_PROPERTY_KEY, "P3_");
        return new SettingsBuilder().fromValues(values).build();
    }

    /** Parses a certificate given as PEM or as base64 DER (whitespace allowed). */
    static X509Certificate parseCertificate(String pemOrBase64) throws CertificateException {
        String base64 = pemOrBase64.replaceAll("-----(BEGIN|END) CERTIFICATE-----", "").replaceAll("\\s", "");
        byte[] der;
        try {
            der = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new CertificateException("not base64", e);
        }
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(der));
    }

    private static X509Certificate certificate(String base64Der) {
        try {
            return parseCertificate(base64Der);
        } catch (CertificateException e) {
            // checked at registration: a stored certificate that no longer parses is a defect, not bad input
            throw new IllegalStateException("stored IdP certificate does not parse", e);
        }
    }
}
