package io.p3protocol.app.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.p3protocol.app.web.Problems;
import io.p3protocol.kernel.security.Caller;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * Every route needs {@code Authorization: Bearer <key>} or {@code X-API-Key: <key>} (or, for browsers, HTTP Basic
 * with the key as password), except {@code GET /api/version}, {@code GET /actuator/health} (and its probe
 * sub-paths), {@code GET /api/enterprise/sso/callback}, {@code POST /api/enterprise/sso/saml/acs} and
 * {@code GET /api/enterprise/sso/saml/metadata/*}. The GraphQL WebSocket upgrade ({@code GET /graphql-ws}) is authenticated by the GraphQL layer instead,
 * from {@code connection_init}, because browsers cannot set headers on a WebSocket.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class ApiKeyAuthenticationFilter extends OncePerRequestFilter {
    private final ApiKeyAuthenticator authenticator;
    private final ObjectMapper mapper;

    public ApiKeyAuthenticationFilter(ApiKeyAuthenticator authenticator, ObjectMapper mapper) {
        this.authenticator = authenticator;
        this.mapper = mapper;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return isPublic(request);
    }

    /** Where the identity provider sends the browser back, without a key: the OIDC callback and the SAML ACS. */
    static final String SSO_CALLBACK_PATH = "/api/enterprise/sso/callback";
    static final String SAML_ACS_PATH = "/api/enterprise/sso/saml/acs";

    /** Exactly one segment, a provider id: nothing else under this prefix may be public. */
    private static final java.util.regex.Pattern SAML_METADATA =
            java.util.regex.Pattern.compile("/api/enterprise/sso/saml/metadata/[0-9a-fA-F-]{36}");

    /** The routes anyone may call without a key. */
    static boolean isPublic(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if ("POST".equals(request.getMethod())) {
            // the SAML ACS: the browser posts the IdP's signed Response without a key (docs/enterprise.md#sso-saml-20)
            return path.equals(SAML_ACS_PATH);
        }
        if (!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())) {
            return false;
        }
        return path.equals("/api/version") || path.equals("/actuator/health")
                || path.startsWith("/actuator/health/") || path.equals("/graphql-ws")
                // the SSO redirect target: the browser arrives from the identity provider without a key; the
                // single-use state is what authenticates it (docs/enterprise.md#sso)
                || path.equals(SSO_CALLBACK_PATH)
                // SAML SP metadata: IdPs fetch it without credentials; it holds nothing secret
                || SAML_METADATA.matcher(path).matches();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String presented = presentedKey(request);
        if (presented == null) {
            if (isBrowserPage(request)) {
                // Makes a browser show its login prompt; the password typed there is the API key.
                response.setHeader("WWW-Authenticate", "Basic realm=\"P3\", charset=\"UTF-8\"");
            }
            Problems.write(request, response, mapper, HttpStatus.UNAUTHORIZED, "missing_api_key",
                    "Send the API key as 'Authorization: Bearer <key>' or 'X-API-Key: <key>'.");
            return;
        }
        AuthenticationOutcome outcome = authenticator.authenticate(presented);
        if (!outcome.isAccepted()) {
            Problems.write(request, response, mapper, outcome.status(), outcome.code(), outcome.detail());
            return;
        }
        Caller caller = outcome.caller();
        request.setAttribute(Caller.REQUEST_ATTRIBUTE, caller);
        MDC.put("actor", caller.actor());
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove("actor");
        }
    }

    static String presentedKey(HttpServletRequest request) {
        return PresentedKey.from(request::getHeader);
    }

    /** Pages people open in a browser: GraphiQL and Swagger UI. */
    private static boolean isBrowserPage(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return "GET".equals(request.getMethod()) && (path.equals("/graphiql") || path.startsWith("/graphiql/")
                || path.equals("/swagger-ui.html") || path.startsWith("/swagger-ui/"));
    }
}
