package io.p3protocol.app.web;

import io.p3protocol.kernel.security.Caller;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * One access-log line per request, under the request's correlation id (it runs inside {@link CorrelationFilter}):
 * method, path, status, duration and the actor ({@code platform-admin}, {@code key:<keyId>} or {@code -}).
 * Never headers, bodies or query strings, so a key can never reach the log through here. Health probes are not
 * logged.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class RequestLogFilter extends OncePerRequestFilter {
    private static final Logger log = LoggerFactory.getLogger("p3.access");

    /** Health probes arrive every few seconds from orchestrators: logging them would drown everything else. */
    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.equals("/actuator/health") || path.startsWith("/actuator/health/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long start = System.nanoTime();
        try {
            chain.doFilter(request, response);
        } finally {
            if (log.isInfoEnabled()) {
                Object caller = request.getAttribute(Caller.REQUEST_ATTRIBUTE);
                log.info("{} {} {} {}ms actor={}", request.getMethod(), request.getRequestURI(), response.getStatus(),
                        (System.nanoTime() - start) / 1_000_000, caller instanceof Caller c ? c.actor() : "-");
            }
        }
    }
}
