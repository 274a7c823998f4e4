package io.p3protocol.command.sso;

import com.fasterxml.jackson.databind.JsonNode;
import io.p3protocol.command.sso.SsoDirectory.ProviderView;
import io.p3protocol.kernel.crypto.Sha256;
import io.p3protocol.kernel.errors.RequestRejected;
import io.p3protocol.kernel.errors.UnknownAggregate;
import io.p3protocol.kernel.sso.ConsumeSsoLoginStateCommand;
import io.p3protocol.kernel.sso.RejectSsoLoginCommand;
import io.p3protocol.kernel.sso.SsoRejectionReason;
import io.p3protocol.kernel.sso.StartSsoLoginCommand;
import io.p3protocol.kernel.sso.StateConsumption;
import io.p3protocol.kernel.vault.SecretValues;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.jose4j.jwk.HttpsJwks;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.keys.resolvers.HttpsJwksVerificationKeyResolver;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The OIDC authorization-code flow with PKCE (S256), state and nonce. See docs/enterprise.md#sso.
 * <p>
 * Start: a random state (32 bytes) and nonce (16 bytes) go to the browser; the provider's {@code SsoLogin} stream
 * keeps only their SHA-256 and an expiry; the PKCE verifier stays in {@code sso_login_verifier}.
 * Callback: the state is consumed once (every refusal recorded), the code is exchanged with the verifier and the
 * client secret from the vault, the id_token is validated, the subject is linked and a session API key issued.
 */
@Component
public class SsoLoginFlow {
    static final Duration LOGIN_TTL = Duration.ofMinutes(10);
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final CommandGateway commands;
    private final SsoDirectory directory;
    private final OidcClient oidc;
    private final SecretValues secrets;
    private final SsoSessions sessions;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    /** One JWKS cache per jwks_uri: jose4j refreshes it when a token names a key id it does not hold. */
    private final Map<String, HttpsJwks> jwksByUri = new ConcurrentHashMap<>();

    public SsoLoginFlow(CommandGateway commands, SsoDirectory directory, OidcClient oidc, SecretValues secrets,
                        SsoSessions sessions, JdbcTemplate jdbc, Clock clock) {
        this.commands = commands;
        this.directory = directory;
        this.oidc = oidc;
        this.secrets = secrets;
        this.sessions = sessions;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public record LoginStart(String redirectUrl, String state, Instant expiresAt) {
    }

    public LoginStart start(String tenantId, String providerId) {
        ProviderView provider = ownedProvider(tenantId, providerId);
        OidcDiscovery discovery = discoverOrReject(provider);
        String state = randomToken(32);
        String nonce = randomToken(16);
        String verifier = randomToken(32);
        String loginId = Sha256.hex(state);
        Instant expiresAt = clock.instant().plus(LOGIN_TTL);
        // The verifier row first: a login whose event exists must find its verifier on the callback.
        jdbc.update("INSERT INTO sso_login_verifier (login_id, code_verifier, expires_at) VALUES (?, ?, ?)",
                loginId, verifier, Timestamp.from(expiresAt));
        jdbc.update("DELETE FROM sso_login_verifier WHERE expires_at < ?", Timestamp.from(clock.instant()));
        commands.sendAndWait(new StartSsoLoginCommand(providerId, tenantId, loginId, Sha256.hex(nonce), expiresAt));
        String redirectUrl = UriComponentsBuilder.fromUriString(discovery.authorizationEndpoint())
                .queryParam("response_type", "code")
                .queryParam("client_id", provider.clientId())
                .queryParam("redirect_uri", provider.redirectUri())
                .queryParam("scope", String.join(" ", provider.scopes()))
                .queryParam("state", state)
                .queryParam("nonce", nonce)
                .queryParam("code_challenge", BASE64URL.encodeToString(
                        Sha256.digest(verifier.getBytes(StandardCharsets.US_ASCII))))
                .queryParam("code_challenge_method", "S256")
                .encode().build().toUriString();
        return new LoginStart(redirectUrl, state, expiresAt);
    }

    public SsoSessions.LoginResult callback(String code, String state) {
        String loginId = Sha256.hex(state);
        StateConsumption consumption = commands.sendAndWait(new ConsumeSsoLoginStateCommand(loginId));
        String verifier = takeVerifier(loginId);
        if (!consumption.accepted()) {
            throw new RequestRejected(consumption.refusal().code(), describe(consumption.refusal()));
        }
        try {
            return complete(loginId, consumption, code, verifier);
        } catch (SsoLoginFailure failure) {
            commands.sendAndWait(new RejectSsoLoginCommand(loginId, failure.reason(), failure.getMessage()));
            throw new RequestRejected(failure.reason().code(), failure.getMessage());
        }
    }

    /** The provider sent the browser back with {@code error=...} (e.g. the user declined): the state is spent. */
    public SsoSessions.LoginResult callbackWithProviderError(String state, String error) {
        String loginId = Sha256.hex(state);
        StateConsumption consumption = commands.sendAndWait(new ConsumeSsoLoginStateCommand(loginId));
        takeVerifier(loginId);
        if (!consumption.accepted()) {
            throw new RequestRejected(consumption.refusal().code(), describe(consumption.refusal()));
        }
        String detail = "the provider answered error=" + error.replaceAll("[^A-Za-z0-9_.-]", "?")
                .substring(0, Math.min(error.length(), 64));
        commands.sendAndWait(new RejectSsoLoginCommand(loginId, SsoRejectionReason.PROVIDER_ERROR, detail));
        throw new RequestRejected(SsoRejectionReason.PROVIDER_ERROR.code(), detail);
    }

    private SsoSessions.LoginResult complete(String loginId, StateConsumption consumption, String code, String verifier) {
        ProviderView provider = directory.provider(consumption.providerId())
                .orElseThrow(() -> new IllegalStateException("provider of a started login is gone"));
        if (!provider.active()) {
            throw new SsoLoginFailure(SsoRejectionReason.PROVIDER_INACTIVE, "the SSO provider was deactivated");
        }
        if (verifier == null) {
            throw new IllegalStateException("login " + loginId + " has no PKCE verifier");
        }
        if (code == null || code.isBlank()) {
            throw new SsoLoginFailure(SsoRejectionReason.CODE_EXCHANGE_FAILED, "the callback carries no code");
        }
        OidcDiscovery discovery = oidc.discover(provider.issuer());
        String clientSecret = new String(secrets.currentOrGenerate(provider.tenantId(),
                provider.clientSecretName()).value(), StandardCharsets.UTF_8);
        JsonNode tokens = oidc.exchangeCode(discovery, provider.clientId(), clientSecret, provider.redirectUri(),
                code, verifier);
        HttpsJwks jwks = jwksByUri.computeIfAbsent(discovery.jwksUri(), HttpsJwks::new);
        JwtClaims claims = IdTokenValidator.validate(tokens.path("id_token").asText(null), provider.issuer(),
                provider.clientId(), new HttpsJwksVerificationKeyResolver(jwks), consumption.nonceHash());

        return sessions.open(loginId, provider, subjectOf(claims), claims.getClaimValue("wallet"),
                grantedValues(tokens, claims));
    }

    private static List<String> grantedValues(JsonNode tokens, JwtClaims claims) {
        List<String> granted = new java.util.ArrayList<>();
        String scope = tokens.path("scope").asText("");
        for (String s : scope.split(" ")) {
            if (!s.isBlank()) {
                granted.add(s);
            }
        }
        for (String claim : List.of("groups", "roles")) {
            try {
                if (claims.isClaimValueStringList(claim)) {
                    granted.addAll(claims.getStringListClaimValue(claim));
                } else if (claims.isClaimValueString(claim)) {
                    granted.add(claims.getStringClaimValue(claim));
                }
            } catch (MalformedClaimException ignoredNotAList) {
                // a claim of another shape grants nothing
            }
        }
        return granted;
    }

    private static String subjectOf(JwtClaims claims) {
        try {
            return claims.getSubject();
        } catch (MalformedClaimException e) {
            throw new SsoLoginFailure(SsoRejectionReason.TOKEN_INVALID, "the id_token's sub is not a string");
        }
    }

    private String takeVerifier(String loginId) {
        List<String> rows = jdbc.queryForList("DELETE FROM sso_login_verifier WHERE login_id = ? RETURNING code_verifier",
                String.class, loginId);
        return rows.isEmpty() ? null : rows.get(0);
    }

    private ProviderView ownedProvider(String tenantId, String providerId) {
        return directory.provider(providerId).filter(p -> p.tenantId().equals(tenantId))
                .orElseThrow(() -> new UnknownAggregate("sso_provider_not_found", "no SSO provider " + providerId));
    }

    private OidcDiscovery discoverOrReject(ProviderView provider) {
        try {
            return oidc.discover(provider.issuer());
        } catch (SsoLoginFailure failure) {
            throw new io.p3protocol.kernel.errors.NotConfigured(failure.reason().code(), failure.getMessage());
        }
    }

    private static String describe(SsoRejectionReason reason) {
        return switch (reason) {
            case STATE_UNKNOWN -> "Invalid or expired state: no login was started with it.";
            case STATE_REPLAYED -> "This login state was already used; start a new login.";
            case STATE_EXPIRED -> "Invalid or expired state: the login expired; start a new login.";
            default -> "SSO login refused: " + reason.code();
        };
    }

    private String randomToken(int bytes) {
        byte[] buffer = new byte[bytes];
        random.nextBytes(buffer);
        return BASE64URL.encodeToString(buffer);
    }
}
