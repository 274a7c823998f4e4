package io.p3protocol.app.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * Bounds request bodies ({@code P3_MAX_REQUEST_BYTES}, 1 MiB by default): a declared length over the bound is a
 * 413 before anything is read, and a chunked body that grows past it fails as a {@link PayloadTooLargeException}.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
public class RequestSizeLimitFilter extends OncePerRequestFilter {
    private final long maxBytes;
    private final ObjectMapper mapper;

    public RequestSizeLimitFilter(@Value("${p3.max-request-bytes}") long maxBytes, ObjectMapper mapper) {
        this.maxBytes = maxBytes;
        this.mapper = mapper;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        // The audit verifier takes whole exports, which are streamed and never held in memory.
        return request.getRequestURI().equals("/api/audit/verify");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > maxBytes) {
            Problems.write(request, response, mapper, HttpStatus.PAYLOAD_TOO_LARGE, "payload_too_large",
                    "Request bodies are limited to " + maxBytes + " bytes.");
            return;
        }
        chain.doFilter(new ObservedBodyRequest(request, new ObservedBodyRequest.BodyObserver() {
            private long read;

            @Override
            public void accept(byte[] buffer, int offset, int length) throws PayloadTooLargeException {
                read += length;
                if (read > maxBytes) {
                    throw new PayloadTooLargeException(maxBytes);
                }
            }
        }), response);
    }

    /** Thrown when a body without a declared length grows past the bound; mapped to 413. */
    public static class PayloadTooLargeException extends IOException {
        PayloadTooLargeException(long maxBytes) {
            super("request body exceeds " + maxBytes + " bytes");
        }
    }
}
