package io.p3protocol.command.sso;

import io.p3protocol.command.sso.SsoDirectory.IdentityView;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.p3protocol.command.sso.SsoDirectory.ProviderView;
import io.p3protocol.kernel.errors.AccessDenied;
import io.p3protocol.kernel.errors.InvalidInput;
import io.p3protocol.kernel.errors.RequestRejected;
import io.p3protocol.kernel.errors.UnknownAggregate;
import io.p3protocol.kernel.security.Caller;
import io.p3protocol.kernel.security.Role;
import io.p3protocol.kernel.sso.DeactivateSsoProviderCommand;
import io.p3protocol.kernel.sso.RegisterSsoProviderCommand;
import io.p3protocol.kernel.sso.SsoProviderSettings;
import io.p3protocol.kernel.sso.SsoProviderType;
import io.p3protocol.kernel.sso.UnlinkSsoIdentityCommand;
import io.p3protocol.kernel.vault.StoreSecretCommand;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

@RestController
@RequestMapping("/api/enterprise/sso")
@Tag(name = "SSO", description = "Per-tenant OIDC and SAML 2.0 providers, their logins and linked identities")
public class SsoController {
    static final List<String> DEFAULT_SCOPES = List.of("openid", "profile", "email");

    private final CommandGateway commands;
    private final SsoDirectory directory;
    private final SsoLoginFlow flow;
    private final SamlLoginFlow saml;
    private final io.p3protocol.command.policy.SsoTierGate ssoTierGate;

    public SsoController(CommandGateway commands, SsoDirectory directory, SsoLoginFlow flow, SamlLoginFlow saml,
                         io.p3protocol.command.policy.SsoTierGate ssoTierGate) {
        this.commands = commands;
        this.directory = directory;
        this.flow = flow;
        this.saml = saml;
        this.ssoTierGate = ssoTierGate;
    }

    /**
     * For {@code saml}: {@code issuer} is the IdP entityID, {@code redirectUri} this service's ACS URL, {@code clientId}
     * (optional) the SP entityID, {@code idpSsoUrl} and {@code idpCertificate} (PEM or base64 DER) are required.
     */
    public record RegisterProviderRequest(@NotNull SsoProviderType type, @NotBlank @Size(max = 256) String issuer,
                                          @Size(min = 1, max = 256) String clientId,
                                          @Size(min = 1, max = 8192) String clientSecret,
                                          @NotBlank @Size(max = 512) String redirectUri,
                                          @Size(max = 20) List<@NotBlank @Size(max = 64) String> scopes,
                                          @Size(max = 50) Map<@NotBlank @Size(max = 128) String, Set<@NotNull Role>> roleMapping,
                                          @Size(max = 512) String idpSsoUrl,
                                          @Size(max = 16384) String idpCertificate) {
        @Override
        public String toString() {
            return "RegisterProviderRequest[type=" + type + ", issuer=" + issuer + ", clientSecret=<redacted>]";
        }
    }

    /** {@code metadataUrl}: a SAML provider's SP metadata (absent for OIDC). */
    public record ProviderCreated(String providerId, String tenantId, SsoProviderType type, String issuer,
                                  String clientId, boolean active,
                                  @JsonInclude(JsonInclude.Include.NON_NULL) String metadataUrl) {
    }

    public record ProviderList(List<ProviderView> providers) {
    }

    public record IdentityList(List<IdentityView> identities) {
    }

    @PostMapping("/providers")
    @Operation(summary = "Register an SSO provider (tenant admin). The OIDC client secret goes to the vault.")
    public ResponseEntity<ProviderCreated> register(@Parameter(hidden = true) Caller caller,
                                                    @Valid @RequestBody RegisterProviderRequest request) {
        String tenantId = tenantOf(caller, Role.ADMIN);
        String providerId = UUID.randomUUID().toString();
        boolean isSaml = request.type() == SsoProviderType.SAML;
        List<InvalidInput.FieldError> errors = new ArrayList<>();
        checkUrl(errors, "redirectUri", request.redirectUri());
        List<String> scopes = request.scopes() == null || request.scopes().isEmpty() ? DEFAULT_SCOPES
                : request.scopes().stream().map(String::strip).distinct().toList();
        String clientId = request.clientId();
        String certificate = null;
        if (isSaml) {
            scopes = List.of();
            certificate = checkSaml(errors, request);
            if (clientId == null && errors.isEmpty()) {
                clientId = defaultSpEntityId(request.redirectUri(), providerId);
            }
        } else {
            checkUrl(errors, "issuer", request.issuer());
            if (clientId == null || clientId.isBlank()) {
                errors.add(new InvalidInput.FieldError("clientId", "an OIDC provider needs its client id"));
            }
            if (request.clientSecret() == null) {
                errors.add(new InvalidInput.FieldError("clientSecret", "an OIDC provider needs its client secret"));
            }
            if (!scopes.contains("openid")) {
                errors.add(new InvalidInput.FieldError("scopes", "an OIDC login needs the 'openid' scope"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        Map<String, Set<Role>> roleMapping = request.roleMapping() == null || request.roleMapping().isEmpty()
                ? Map.of(SsoProviderSettings.DEFAULT_ROLES_KEY, Set.of(Role.VIEWER)) : request.roleMapping();
        ssoTierGate.requireSsoAllowed(tenantId); // before the secret is stored: a refusal leaves nothing behind
        String secretName = null;
        if (request.clientSecret() != null) {
            secretName = "SSO_" + providerId + "_CLIENT_SECRET";
            commands.sendAndWait(StoreSecretCommand.of(tenantId, secretName, request.clientSecret()));
        }
        commands.sendAndWait(new RegisterSsoProviderCommand(providerId, tenantId, new SsoProviderSettings(
                request.type(), request.issuer(), clientId, secretName, request.redirectUri(), scopes,
                roleMapping, isSaml ? request.idpSsoUrl() : null, certificate)));
        return ResponseEntity.created(URI.create("/api/enterprise/sso/providers/" + providerId))
                .body(new ProviderCreated(providerId, tenantId, request.type(), request.issuer(), clientId, true,
                        isSaml ? metadataUrl(request.redirectUri(), providerId) : null));
    }

    /** Checks a SAML provider's own fields; answers its certificate as base64 DER. */
    private static String checkSaml(List<InvalidInput.FieldError> errors, RegisterProviderRequest request) {
        if (!isAbsoluteUri(request.issuer())) {
            errors.add(new InvalidInput.FieldError("issuer", "the IdP entityID must be an absolute URI"));
        }
        if (request.clientId() != null && !isAbsoluteUri(request.clientId())) {
            errors.add(new InvalidInput.FieldError("clientId", "the SP entityID must be an absolute URI"));
        }
        if (request.clientSecret() != null) {
            errors.add(new InvalidInput.FieldError("clientSecret", "a SAML provider has no client secret"));
        }
        if (request.redirectUri() != null && !request.redirectUri().endsWith(SamlSettings.ACS_PATH)) {
            errors.add(new InvalidInput.FieldError("redirectUri",
                    "a SAML provider's redirectUri is this service's ACS URL, ending in " + SamlSettings.ACS_PATH));
        }
        if (request.idpSsoUrl() == null) {
            errors.add(new InvalidInput.FieldError("idpSsoUrl", "a SAML provider needs the IdP's single sign-on URL"));
        } else {
            checkUrl(errors, "idpSsoUrl", request.idpSsoUrl());
        }
        if (request.idpCertificate() == null) {
            errors.add(new InvalidInput.FieldError("idpCertificate", "a SAML provider needs the IdP's signing certificate"));
            return null;
        }
        try {
            return Base64.getEncoder().encodeToString(SamlSettings.parseCertificate(request.idpCertificate()).getEncoded());
        } catch (java.security.cert.CertificateException e) {
            errors.add(new InvalidInput.FieldError("idpCertificate", "not an X.509 certificate (PEM or base64 DER)"));
            return null;
        }
    }

    /** The base of the ACS URL, i.e. this service's public address as the IdP reaches it. */
    private static String publicBase(String acsUrl) {
        return acsUrl.substring(0, acsUrl.length() - SamlSettings.ACS_PATH.length());
    }

    private static String metadataUrl(String acsUrl, String providerId) {
        return publicBase(acsUrl) + SamlSettings.METADATA_PATH + providerId;
    }

    /** Without a given SP entityID, the provider's metadata URL is it (the usual convention). */
    private static String defaultSpEntityId(String acsUrl, String providerId) {
        return metadataUrl(acsUrl, providerId);
    }

    private static boolean isAbsoluteUri(String value) {
        try {
            return value != null && new URI(value).isAbsolute();
        } catch (URISyntaxException e) {
            return false;
        }
    }

    @GetMapping("/providers")
    @Operation(summary = "The tenant's SSO providers, without secrets")
    public ProviderList providers(@Parameter(hidden = true) Caller caller) {
        return new ProviderList(directory.providers(tenantOf(caller, Role.VIEWER)));
    }

    @PostMapping("/providers/{providerId}/deactivate")
    @Operation(summary = "Deactivate a provider (tenant admin): no login can start or finish with it")
    public Map<String, Object> deactivate(@Parameter(hidden = true) Caller caller, @PathVariable UUID providerId) {
        commands.sendAndWait(new DeactivateSsoProviderCommand(providerId.toString(), tenantOf(caller, Role.ADMIN)));
        return Map.of("providerId", providerId.toString(), "active", false);
    }

    @GetMapping("/login/{providerId}")
    @Operation(summary = "Start a login: where to send the browser, and the state (OIDC state or SAML AuthnRequest ID; "
            + "single use, 10 minutes)")
    public ResponseEntity<SsoLoginFlow.LoginStart> login(@Parameter(hidden = true) Caller caller,
                                                         @PathVariable UUID providerId) {
        String tenantId = tenantOf(caller, Role.VIEWER);
        ProviderView provider = directory.provider(providerId.toString())
                .filter(p -> p.tenantId().equals(tenantId))
                .orElseThrow(() -> new UnknownAggregate("sso_provider_not_found", "no SSO provider " + providerId));
        SsoLoginFlow.LoginStart start = provider.type() == SsoProviderType.SAML ? saml.start(provider)
                : flow.start(tenantId, providerId.toString());
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(start);
    }

    /**
     * The SAML Assertion Consumer Service (HTTP-POST binding): public like the OIDC callback; the signed Response
     * and its single-use InResponseTo are what authenticate it.
     */
    @PostMapping(path = "/saml/acs", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    @Operation(summary = "SAML ACS (public): validates the signed Response, links the NameID, returns a session key once")
    public ResponseEntity<SsoSessions.LoginResult> samlAcs(
            @RequestParam(name = "SAMLResponse", required = false) String samlResponse) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(saml.consume(samlResponse));
    }

    /** Public, as IdPs fetch it without credentials; it holds nothing secret. */
    @GetMapping("/saml/metadata/{providerId}")
    @Operation(summary = "SAML SP metadata of a provider (public): entityID, ACS URL, NameIDFormat")
    public ResponseEntity<String> samlMetadata(@PathVariable UUID providerId) {
        ProviderView provider = directory.provider(providerId.toString())
                .filter(p -> p.type() == SsoProviderType.SAML && p.active())
                .orElseThrow(() -> new UnknownAggregate("sso_provider_not_found", "no SAML provider " + providerId));
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/samlmetadata+xml"))
                .body(saml.metadata(provider));
    }

    /** The browser's redirect target: public (no API key), the state is what authenticates it. */
    @GetMapping("/callback")
    @Operation(summary = "OIDC redirect target (public): exchanges the code, links the identity, returns a session key once")
    public ResponseEntity<SsoSessions.LoginResult> callback(@RequestParam(required = false) String code,
                                                             @RequestParam(required = false) String state,
                                                             @RequestParam(required = false) String error) {
        if (state == null || state.isBlank() || state.length() > 256) {
            throw new RequestRejected("sso_state_missing", "The callback carries no usable state.");
        }
        if (error != null) {
            return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                    .body(flow.callbackWithProviderError(state, error));
        }
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(flow.callback(code, state));
    }

    @GetMapping("/identities")
    @Operation(summary = "The tenant's SSO identities (tenant admin)")
    public IdentityList identities(@Parameter(hidden = true) Caller caller) {
        return new IdentityList(directory.identities(tenantOf(caller, Role.ADMIN)));
    }

    @PostMapping("/identities/{identityId}/unlink")
    @Operation(summary = "Unlink an identity (tenant admin); its next login links it again")
    public Map<String, Object> unlink(@Parameter(hidden = true) Caller caller, @PathVariable UUID identityId) {
        commands.sendAndWait(new UnlinkSsoIdentityCommand(identityId.toString(), tenantOf(caller, Role.ADMIN)));
        return Map.of("identityId", identityId.toString(), "linked", false);
    }

    private static String tenantOf(Caller caller, Role role) {
        if (caller.tenantId() == null) {
            throw new AccessDenied("tenant_key_required", "SSO providers belong to a tenant: use a tenant key.");
        }
        caller.requireRole(role);
        return caller.tenantId();
    }

    /**
     * An absolute https URL; plain http only on a loopback host (a local identity provider in development and
     * tests). The server fetches the issuer's discovery document and JWKS, so this is also an SSRF boundary.
     */
    private static void checkUrl(List<InvalidInput.FieldError> errors, String field, String value) {
        try {
            URI uri = new URI(value);
            String host = uri.getHost();
            boolean ok = uri.isAbsolute() && host != null && uri.getRawQuery() == null && uri.getRawFragment() == null
                    && ("https".equals(uri.getScheme()) || ("http".equals(uri.getScheme()) && isLoopback(host)));
            if (!ok) {
                errors.add(new InvalidInput.FieldError(field,
                        "must be an absolute https URL without query or fragment (http only on a loopback host)"));
            }
        } catch (URISyntaxException e) {
            errors.add(new InvalidInput.FieldError(field, "not a URL"));
        }
    }

    private static boolean isLoopback(String host) {
        if (host.equals("localhost")) {
            return true;
        }
        try {
            return host.matches("[0-9.]+|\\[[0-9a-fA-F:]+]") && InetAddress.getByName(host).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }
}
