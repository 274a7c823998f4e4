package io.p3protocol.app.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Gives every request a request id and a correlation id (taken from {@code X-Request-Id} and
 * {@code X-Correlation-Id} when they are well-formed, generated otherwise). Both go into the log context, the
 * response headers, and the metadata of every command and event the request causes.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class CorrelationFilter extends OncePerRequestFilter {
    public static final String REQUEST_ID_ATTRIBUTE = "p3.requestId";
    public static final String CORRELATION_ID_ATTRIBUTE = "p3.correlationId";
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,100}");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String requestId = safeOrNew(request.getHeader("X-Request-Id"));
        String correlationId = safeOrNew(request.getHeader("X-Correlation-Id"));
        request.setAttribute(REQUEST_ID_ATTRIBUTE, requestId);
        request.setAttribute(CORRELATION_ID_ATTRIBUTE, correlationId);
        response.setHeader("X-Request-Id", requestId);
        response.setHeader("X-Correlation-Id", correlationId);
        MDC.put("correlationId", correlationId);
        MDC.put("requestId", requestId);
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove("correlationId");
            MDC.remove("requestId");
        }
    }

    /** Header values end up in logs and events: only short, plain ids are taken as given. */
    private static String safeOrNew(String header) {
        return header != null && SAFE_ID.matcher(header).matches() ? header : UUID.randomUUID().toString();
    }
}
