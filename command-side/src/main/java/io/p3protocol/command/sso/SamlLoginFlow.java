package io.p3protocol.command.sso;

import com.onelogin.saml2.authn.AuthnRequest;
import com.onelogin.saml2.authn.AuthnRequestParams;
import com.onelogin.saml2.settings.Metadata;
import io.p3protocol.command.sso.SsoDirectory.ProviderView;
import io.p3protocol.kernel.crypto.Sha256;
import io.p3protocol.kernel.errors.RequestRejected;
import io.p3protocol.kernel.sso.ConsumeSsoLoginStateCommand;
import io.p3protocol.kernel.sso.RejectSsoLoginCommand;
import io.p3protocol.kernel.sso.SsoProviderType;
import io.p3protocol.kernel.sso.SsoRejectionReason;
import io.p3protocol.kernel.sso.StartSsoLoginCommand;
import io.p3protocol.kernel.sso.StateConsumption;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.time.Clock;
import java.time.Instant;

/**
 * SAML 2.0 SP-initiated login (docs/enterprise.md#sso-saml-20), the same shape as the OIDC flow.
 * <p>
 * Start: an AuthnRequest for the HTTP-Redirect binding; the provider's {@code SsoLogin} stream is keyed by the
 * SHA-256 of the request's ID and expires like an OIDC state. ACS: the Response's {@code InResponseTo} is consumed
 * once on that stream (every refusal recorded), the Response is validated by {@link SamlResponseCheck}, and the
 * NameID is linked and given a session key by {@link SsoSessions}.
 */
@Component
public class SamlLoginFlow {
    /** A SAMLResponse beyond this is refused unread; real ones are a few kilobytes. */
    static final int MAX_RESPONSE_CHARS = 256 * 1024;

    private final CommandGateway commands;
    private final SsoDirectory directory;
    private final SsoSessions sessions;
    private final Clock clock;

    public SamlLoginFlow(CommandGateway commands, SsoDirectory directory, SsoSessions sessions, Clock clock) {
        this.commands = commands;
        this.directory = directory;
        this.sessions = sessions;
        this.clock = clock;
    }

    /** {@code state} is the AuthnRequest's ID: the Response names it in InResponseTo, and it is sent as RelayState. */
    public SsoLoginFlow.LoginStart start(ProviderView provider) {
        AuthnRequest request = new AuthnRequest(SamlSettings.of(provider, true),
                new AuthnRequestParams(false, false, true));
        String requestId = request.getId();
        Instant expiresAt = clock.instant().plus(SsoLoginFlow.LOGIN_TTL);
        commands.sendAndWait(new StartSsoLoginCommand(provider.providerId(), provider.tenantId(), Sha256.hex(requestId),
                null, expiresAt));
        String encoded;
        try {
            encoded = request.getEncodedAuthnRequest(true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // URLEncoder, not a URI template: base64's '+' must reach the IdP as %2B, not as a space
        String redirectUrl = provider.idpSsoUrl() + "?SAMLRequest=" + URLEncoder.encode(encoded, StandardCharsets.UTF_8)
                + "&RelayState=" + URLEncoder.encode(requestId, StandardCharsets.UTF_8);
        return new SsoLoginFlow.LoginStart(redirectUrl, requestId, expiresAt);
    }

    /** The Assertion Consumer Service: the browser posts the IdP's Response here (HTTP-POST binding, no key). */
    public SsoSessions.LoginResult consume(String samlResponse) {
        if (samlResponse == null || samlResponse.isBlank() || samlResponse.length() > MAX_RESPONSE_CHARS) {
            throw new RequestRejected("sso_saml_response_missing",
                    "The ACS needs the form parameter SAMLResponse (at most " + MAX_RESPONSE_CHARS + " characters).");
        }
        String requestId;
        try {
            requestId = SamlResponseCheck.inResponseTo(samlResponse);
        } catch (SsoLoginFailure failure) {
            // nothing names a login yet: refused like an OIDC callback without a state, not recorded
            throw new RequestRejected(failure.reason().code(), failure.getMessage());
        }
        // An unsolicited Response (no InResponseTo) is recorded as unknown on a stream of its own content's hash.
        String loginId = Sha256.hex(requestId != null && requestId.length() <= 256 ? requestId
                : "unsolicited\n" + samlResponse);
        StateConsumption consumption = commands.sendAndWait(
                new ConsumeSsoLoginStateCommand(loginId, SsoProviderType.SAML));
        if (!consumption.accepted()) {
            throw new RequestRejected(consumption.refusal().code(), describe(consumption.refusal()));
        }
        try {
            ProviderView provider = directory.provider(consumption.providerId())
                    .orElseThrow(() -> new IllegalStateException("provider of a started login is gone"));
            if (!provider.active()) {
                throw new SsoLoginFailure(SsoRejectionReason.PROVIDER_INACTIVE, "the SSO provider was deactivated");
            }
            SamlResponseCheck.ValidAssertion assertion = SamlResponseCheck.validate(provider, samlResponse, requestId);
            return sessions.open(loginId, provider, assertion.nameId(),
                    assertion.values("wallet").stream().findFirst().orElse(null), assertion.granted());
        } catch (SsoLoginFailure failure) {
            commands.sendAndWait(new RejectSsoLoginCommand(loginId, failure.reason(), failure.getMessage()));
            throw new RequestRejected(failure.reason().code(), failure.getMessage());
        }
    }

    /** This SP's metadata for the provider: entityID, the ACS (HTTP-POST) and the NameID format it asks for. */
    public String metadata(ProviderView provider) {
        try {
            return new Metadata(SamlSettings.of(provider, true)).getMetadataString();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("SP metadata without an SP certificate cannot fail to encode one", e);
        }
    }

    private static String describe(SsoRejectionReason reason) {
        return switch (reason) {
            case IN_RESPONSE_TO_UNKNOWN -> "The Response answers no outstanding AuthnRequest of this service "
                    + "(unknown or missing InResponseTo); start a new login.";
            case IN_RESPONSE_TO_REPLAYED -> "A Response to this AuthnRequest was already presented; start a new login.";
            case REQUEST_EXPIRED -> "The AuthnRequest this Response answers has expired; start a new login.";
            default -> "SSO login refused: " + reason.code();
        };
    }
}
