package io.p3protocol.command.sso;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.p3protocol.kernel.sso.SsoRejectionReason;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The HTTP side of OIDC: discovery and the token request. No redirects are followed and every call has a timeout,
 * so a slow or hostile issuer cannot hold a request thread for long.
 */
@Component
public class OidcClient {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final ObjectMapper mapper;

    public OidcClient(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** Reads the issuer's discovery document; its {@code issuer} must be the configured issuer exactly. */
    public OidcDiscovery discover(String issuer) {
        String base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
        JsonNode doc = getJson(URI.create(base + "/.well-known/openid-configuration"));
        OidcDiscovery discovery = new OidcDiscovery(doc.path("issuer").asText(null),
                doc.path("authorization_endpoint").asText(null), doc.path("token_endpoint").asText(null),
                doc.path("jwks_uri").asText(null));
        if (!issuer.equals(discovery.issuer())) {
            throw new SsoLoginFailure(SsoRejectionReason.PROVIDER_ERROR,
                    "the discovery document names issuer " + discovery.issuer() + ", not " + issuer);
        }
        if (discovery.authorizationEndpoint() == null || discovery.tokenEndpoint() == null || discovery.jwksUri() == null) {
            throw new SsoLoginFailure(SsoRejectionReason.PROVIDER_ERROR,
                    "the discovery document lacks authorization_endpoint, token_endpoint or jwks_uri");
        }
        return discovery;
    }

    /**
     * Exchanges the code at the token endpoint with the PKCE verifier, authenticating with client_secret_post.
     * Returns the token response; the caller validates its id_token.
     */
    public JsonNode exchangeCode(OidcDiscovery discovery, String clientId, String clientSecret, String redirectUri,
                                 String code, String codeVerifier) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("redirect_uri", redirectUri);
        form.put("client_id", clientId);
        form.put("client_secret", clientSecret);
        form.put("code_verifier", codeVerifier);
        String body = form.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue())).collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(discovery.tokenEndpoint())).timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> response = send(request);
        if (response.statusCode() != 200) {
            throw new SsoLoginFailure(SsoRejectionReason.CODE_EXCHANGE_FAILED,
                    "the token endpoint answered " + response.statusCode() + errorOf(response.body()));
        }
        return parse(response.body());
    }

    private String errorOf(String body) {
        try {
            JsonNode error = mapper.readTree(body).path("error");
            return error.isTextual() ? " (" + error.asText() + ")" : "";
        } catch (IOException notJson) {
            return "";
        }
    }

    private JsonNode getJson(URI uri) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                .header("Accept", "application/json").GET().build());
        if (response.statusCode() != 200) {
            throw new SsoLoginFailure(SsoRejectionReason.PROVIDER_ERROR, uri + " answered " + response.statusCode());
        }
        return parse(response.body());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new SsoLoginFailure(SsoRejectionReason.PROVIDER_ERROR,
                    "could not reach " + request.uri().getHost() + ": " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SsoLoginFailure(SsoRejectionReason.PROVIDER_ERROR, "interrupted");
        }
    }

    private JsonNode parse(String body) {
        try {
            return mapper.readTree(body);
        } catch (IOException e) {
            throw new SsoLoginFailure(SsoRejectionReason.PROVIDER_ERROR, "the provider answered something not JSON");
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
