package io.p3protocol.app.policy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.p3protocol.app.web.Problems;
import io.p3protocol.kernel.policy.Feature;
import io.p3protocol.kernel.policy.TenantPolicy;
import io.p3protocol.kernel.security.Caller;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.time.Duration;

/**
 * The tenant policy's HTTP side, for requests made with a tenant's key (the platform admin is never limited):
 * <ul>
 *     <li>a sandboxed tenant's every response carries {@code X-P3-Sandbox: true} and
 *     {@code X-P3-Sandbox-Chain: <chain>}; other tenants' responses carry neither;</li>
 *     <li>the tenant's requests are counted against its {@code rateLimitRpm}, and the key's against its monthly
 *     quota ({@link RequestMeter}: budgets leased from the database, exact across nodes); over the rate limit →
 *     429 {@code rate_limited}, over the quota → 429 {@code quota_exceeded}, both with {@code Retry-After};</li>
 *     <li>a route of a feature outside the tenant's {@code allowedFeatures} is refused with 403
 *     {@code feature_not_allowed} (an empty set allows every feature).</li>
 * </ul>
 * Runs right after authentication. The policy is the one the command side enforces the sandbox with, through a
 * per-tenant cache ({@link PolicyCache}: a change through this node applies to the next request, one through another
 * node within a second), so most requests' checks touch no database. The sandbox itself is enforced on the command
 * bus, not here, on the uncached policy.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 12)
public class TenantPolicyFilter extends OncePerRequestFilter {
    public static final String SANDBOX_HEADER = "X-P3-Sandbox";
    public static final String SANDBOX_CHAIN_HEADER = "X-P3-Sandbox-Chain";
    /**
     * The request attribute (and GraphQL context key) holding the {@link TenantPolicy} this filter read, so later
     * checks of the same request (the GraphQL feature gate) need not read it again.
     */
    public static final String POLICY_ATTRIBUTE = "p3.tenant-policy";

    private final RequestMeter meter;
    private final RouteTemplates routes;
    private final QuotaExhaustionRecorder exhaustion;
    private final ObjectMapper mapper;
    private final Timer checks;

    public TenantPolicyFilter(RequestMeter meter, RouteTemplates routes,
                              QuotaExhaustionRecorder exhaustion, ObjectMapper mapper, MeterRegistry registry) {
        this.meter = meter;
        this.routes = routes;
        this.exhaustion = exhaustion;
        this.mapper = mapper;
        this.checks = checksTimer(registry);
    }

    /**
     * What the checks add to a request (the policy read, the metering statement, the feature gate), refusals
     * included. Fixed buckets around the 1 ms budget, so p50 and p99 over any interval can be read from the
     * Prometheus histogram's difference (bench/ does that).
     */
    private static Timer checksTimer(MeterRegistry registry) {
        return Timer.builder("p3.policy.checks")
                .description("Time the tenant policy checks add to a tenant key's request")
                .serviceLevelObjectives(Stream.of(50, 100, 200, 300, 400, 500, 600, 700, 800, 900, 1_000, 1_250, 1_500,
                                2_000, 3_000, 5_000, 10_000, 25_000, 50_000, 100_000, 250_000, 1_000_000)
                        .map(micros -> Duration.ofNanos(micros * 1_000L)).toArray(Duration[]::new))
                .register(registry);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !(request.getAttribute(Caller.REQUEST_ATTRIBUTE) instanceof Caller caller)
                || caller.platformAdmin() || caller.tenantId() == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long started = System.nanoTime();
        boolean admitted;
        try {
            admitted = admit(request, response);
        } finally {
            checks.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        }
        if (admitted) {
            chain.doFilter(request, response);
        }
    }

    /** Runs the checks; false when the request was refused (the refusal is written). */
    private boolean admit(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Caller caller = (Caller) request.getAttribute(Caller.REQUEST_ATTRIBUTE);
        // Counted before the feature gate, so refused requests count too: a client hammering a gated route is limited.
        RequestMeter.Decision metered = meter.count(caller.tenantId(), caller.keyId(), routes.endpointOf(request));
        TenantPolicy policy = metered.policy();
        request.setAttribute(POLICY_ATTRIBUTE, policy);
        if (policy.sandbox()) {
            response.setHeader(SANDBOX_HEADER, "true");
            response.setHeader(SANDBOX_CHAIN_HEADER, policy.effectiveSandboxChain());
        }
        if (!metered.rateAllowed()) {
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(metered.rateRetryAfterSeconds()));
            Problems.write(request, response, mapper, HttpStatus.TOO_MANY_REQUESTS, "rate_limited",
                    "The tenant's rate limit of " + policy.rateLimitRpm() + " requests per minute is used up; retry in "
                            + metered.rateRetryAfterSeconds() + " s.");
            return false;
        }
        if (!metered.quotaAllowed()) {
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(metered.quotaRetryAfterSeconds()));
            Problems.write(request, response, mapper, HttpStatus.TOO_MANY_REQUESTS, "quota_exceeded",
                    "The API key's monthly quota of " + metered.quotaMonthly() + " requests is used up for "
                            + metered.month() + " (UTC); it renews at the start of next month.");
            return false;
        }
        if (metered.usedLastOfQuota()) {
            exhaustion.record(request, caller, metered);
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        Optional<Feature> feature = FeatureRoutes.featureOf(path);
        if (feature.isPresent() && !policy.allows(feature.get())) {
            Problems.write(request, response, mapper, HttpStatus.FORBIDDEN, "feature_not_allowed",
                    "The tenant's policy does not allow the '" + feature.get().wireName() + "' feature.");
            return false;
        }
        return true;
    }
}
