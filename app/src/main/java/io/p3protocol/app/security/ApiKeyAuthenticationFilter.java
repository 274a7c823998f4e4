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
 * Every route needs {@code Authorization: Bearer <key>} or {@code X-API-Key: <key>}, except
 * {@code GET /api/version} and {@code GET /actuator/health} (and its probe sub-paths).
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

    /** The routes anyone may call without a key. */
    static boolean isPublic(HttpServletRequest request) {
        if (!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())) {
            return false;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.equals("/api/version") || path.equals("/actuator/health")
                || path.startsWith("/actuator/health/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String presented = presentedKey(request);
        if (presented == null) {
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
        String header = request.getHeader("X-API-Key");
        if (header != null && !header.isBlank()) {
            return header.trim();
        }
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                && authorization.length() > 7 && !authorization.substring(7).isBlank()) {
            return authorization.substring(7).trim();
        }
        return null;
    }
}
