package io.p3protocol.app.policy;

import io.p3protocol.kernel.policy.TenantPolicy;
import io.p3protocol.projection.access.TenantPolicyProjection;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Counts one request of a tenant key against the tenant's rate limit (requests per minute, all its keys) and the
 * key's monthly quota, exactly across nodes, without a database round trip on most requests: each budget is spent
 * from a lease of units this node reserved in PostgreSQL ({@link LeasedBudget}, statements in
 * {@link BudgetLeases}), the served request is counted in memory for the usage read model ({@link UsageCounts}),
 * and the policy comes from {@link PolicyCache}. A request takes a unit of the tenant's minute first, then one of the
 * key's month; a request refused by the rate limit takes no quota unit, one refused by the quota has taken its rate
 * unit (it was a request within the rate limit). Leases left idle for {@code p3.policy.lease-idle} (1 s) go back to
 * the budget, so another node can use them.
 */
@Component
public class RequestMeter {
    private static final Logger log = LoggerFactory.getLogger(RequestMeter.class);

    private final BudgetLeases leases;
    private final PolicyCache policies;
    private final UsageCounts usage;
    private final long idleNanos;
    private final Map<String, LeasedBudget> rateBudgets = new ConcurrentHashMap<>();
    private final Map<String, LeasedBudget> quotaBudgets = new ConcurrentHashMap<>();
    private final ExecutorService prefetcher = Executors.newFixedThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "policy-lease-prefetch");
        thread.setDaemon(true);
        return thread;
    });

    public RequestMeter(BudgetLeases leases, PolicyCache policies, UsageCounts usage,
                        @Value("${p3.policy.lease-idle:1s}") Duration idle) {
        this.leases = leases;
        this.policies = policies;
        this.usage = usage;
        this.idleNanos = idle.toNanos();
    }

    /**
     * The outcome of counting one request.
     *
     * @param policy                 the tenant's policy
     * @param rateAllowed            within the tenant's requests per minute
     * @param rateRetryAfterSeconds  seconds until the minute window ends (1…60; meaningful when refused)
     * @param quotaMonthly           the key's quota (0 when the rate limit refused the request)
     * @param month                  the UTC month counted, {@code YYYY-MM} (null when the rate limit refused)
     * @param quotaUnit              which of the month's quota units this request took (1…quota), or null when it
     *                               took none (over the rate limit, or the quota is used up)
     * @param quotaRetryAfterSeconds seconds until the next UTC month starts (meaningful when refused)
     */
    public record Decision(TenantPolicy policy, boolean rateAllowed, long rateRetryAfterSeconds, long quotaMonthly,
                           String month, Long quotaUnit, long quotaRetryAfterSeconds) {
        /** Within the quota (meaningful only when {@link #rateAllowed()}). */
        public boolean quotaAllowed() {
            return quotaUnit != null;
        }

        /**
         * This request took the quota's last unit. Units are numbered by the database as they are leased, so one
         * request sees this for each lease that reaches the quota; units given back can be leased again with the
         * same numbers, so the recorder relies on the key's aggregate ignoring a repeat within the month.
         */
        public boolean usedLastOfQuota() {
            return quotaUnit != null && quotaUnit == quotaMonthly;
        }
    }

    /** Counts one request of the tenant's key {@code keyId} on {@code endpoint} (a route template). */
    public Decision count(String tenantId, String keyId, String endpoint) {
        TenantPolicy policy = policies.of(tenantId);
        LeasedBudget.Take rate = rateBudgets.computeIfAbsent(tenantId,
                t -> new LeasedBudget(leases.rateOf(t), prefetcher)).take();
        if (!rate.granted()) {
            // the lease statement read the policy in force: show the limit that refused the request
            return new Decision(policies.of(tenantId), false, rate.lease().retryAfterSeconds(), 0, null, null, 0);
        }
        LeasedBudget.Take quota = quotaBudgets.computeIfAbsent(keyId,
                k -> new LeasedBudget(leases.quotaOf(tenantId, k), prefetcher)).take();
        LeasedBudget.Lease month = quota.lease();
        if (!quota.granted()) {
            return new Decision(policy, true, 0, month.limit(), month.periodLabel(), null, month.retryAfterSeconds());
        }
        usage.count(keyId, (LocalDate) month.period(), endpoint);
        return new Decision(policy, true, 0, month.limit(), month.periodLabel(), quota.unit(), 0);
    }

    /** Gives back what idle leases hold, so other nodes can use it. */
    @Scheduled(initialDelayString = "${p3.policy.lease-idle:1s}", fixedDelayString = "${p3.policy.lease-idle:1s}")
    public void releaseIdleLeases() {
        release(idleNanos);
    }

    /** A tenant's new policy may lower its rate limit: what this node leased under the old one goes back. */
    @EventListener
    public void on(TenantPolicyProjection.Replaced replaced) {
        LeasedBudget budget = rateBudgets.get(replaced.tenantId());
        if (budget != null) {
            releaseQuietly(budget, 0);
        }
    }

    @PreDestroy
    public void releaseAll() {
        release(0);
        prefetcher.shutdown();
        try {
            prefetcher.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void release(long idle) {
        rateBudgets.values().forEach(budget -> releaseQuietly(budget, idle));
        quotaBudgets.values().forEach(budget -> releaseQuietly(budget, idle));
    }

    private static void releaseQuietly(LeasedBudget budget, long idle) {
        try {
            budget.releaseIfIdle(idle);
        } catch (RuntimeException e) {
            log.warn("Could not give back the unused units of a lease (they stay reserved until its period ends)", e);
        }
    }
}
