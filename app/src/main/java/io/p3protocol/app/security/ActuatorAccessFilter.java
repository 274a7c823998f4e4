package io.p3protocol.app.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.p3protocol.app.web.Problems;
import io.p3protocol.kernel.security.Caller;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * The one place that guards the operator surface: every {@code /actuator/**} route except health needs the
 * platform-admin key. Runs right after {@link ApiKeyAuthenticationFilter}, which has already refused requests
 * without a valid key; a tenant key gets 403 {@code forbidden}.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 11)
public class ActuatorAccessFilter extends OncePerRequestFilter {
    private final ObjectMapper mapper;

    public ActuatorAccessFilter(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        boolean actuator = path.equals("/actuator") || path.startsWith("/actuator/");
        return !actuator || ApiKeyAuthenticationFilter.isPublic(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getAttribute(Caller.REQUEST_ATTRIBUTE) instanceof Caller caller && caller.platformAdmin()) {
            chain.doFilter(request, response);
            return;
        }
        Problems.write(request, response, mapper, HttpStatus.FORBIDDEN, "forbidden",
                "Operational endpoints need the platform-admin key.");
    }
}
