package io.p3protocol.app.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.p3protocol.app.web.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The two routes an identity provider sends the browser back to (the OIDC callback and the SAML ACS) take no key,
 * and every forged or replayed state they receive is recorded as an event. So that an anonymous client cannot turn
 * them into an unbounded stream of writes, each client address gets at most {@code p3.sso.returns-per-minute}
 * (default 60) of them per minute on each node; more → 429 {@code too_many_sso_returns} with {@code Retry-After},
 * before anything is recorded. A person signing in needs one per login. The address is the TCP peer's, never a
 * forwarded-for header a client can write. Memory is bounded: the counters of a minute are dropped when the next
 * begins, and at most {@link #MAX_ADDRESSES} addresses are tracked per minute (beyond that, new addresses are
 * refused until the minute ends, and a warning is logged once).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 9)
public class SsoReturnThrottle extends OncePerRequestFilter {
    static final int MAX_ADDRESSES = 100_000;
    private static final Logger log = LoggerFactory.getLogger(SsoReturnThrottle.class);

    private final int perMinute;
    private final Clock clock;
    private final ObjectMapper mapper;
    private final AtomicReference<Window> window = new AtomicReference<>(new Window(-1));

    public SsoReturnThrottle(@Value("${p3.sso.returns-per-minute:60}") int perMinute, Clock clock,
                             ObjectMapper mapper) {
        if (perMinute < 1) {
            throw new IllegalArgumentException("p3.sso.returns-per-minute must be at least 1");
        }
        this.perMinute = perMinute;
        this.clock = clock;
        this.mapper = mapper;
    }

    /** One minute's counters. */
    private record Window(long minute, ConcurrentHashMap<String, AtomicInteger> counts, AtomicInteger full) {
        Window(long minute) {
            this(minute, new ConcurrentHashMap<>(), new AtomicInteger());
        }
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !(("GET".equals(request.getMethod()) && path.equals(ApiKeyAuthenticationFilter.SSO_CALLBACK_PATH))
                || ("POST".equals(request.getMethod()) && path.equals(ApiKeyAuthenticationFilter.SAML_ACS_PATH)));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long now = clock.millis();
        if (admit(request.getRemoteAddr(), now)) {
            chain.doFilter(request, response);
            return;
        }
        long retryAfter = Math.max(1, (60_000 - now % 60_000 + 999) / 1000);
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter));
        Problems.write(request, response, mapper, HttpStatus.TOO_MANY_REQUESTS, "too_many_sso_returns",
                "Too many sign-in returns from this address; retry in " + retryAfter + " s.");
    }

    /** Counts one return from {@code address} at {@code epochMillis}; false when it is over the limit. */
    boolean admit(String address, long epochMillis) {
        long minute = epochMillis / 60_000;
        Window current = window.get();
        while (current.minute() != minute) {
            Window next = new Window(minute);
            current = window.compareAndSet(current, next) ? next : window.get();
        }
        AtomicInteger count = current.counts().get(address);
        if (count == null) {
            if (current.counts().size() >= MAX_ADDRESSES) {
                if (current.full().getAndIncrement() == 0) {
                    log.warn("SSO return throttle: {} client addresses within one minute; refusing new ones until "
                            + "the minute ends", MAX_ADDRESSES);
                }
                return false;
            }
            count = current.counts().computeIfAbsent(address, a -> new AtomicInteger());
        }
        return count.incrementAndGet() <= perMinute;
    }
}
