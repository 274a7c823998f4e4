package io.p3protocol.app.policy;

import io.p3protocol.command.policy.TenantPolicies;
import io.p3protocol.kernel.policy.TenantPolicy;
import io.p3protocol.projection.access.TenantPolicyProjection;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The tenant policy as the HTTP checks see it (sandbox headers, REST and GraphQL feature gate), cached per tenant
 * so a request does not read {@code tenant_policy}. A change made through this node is seen by the next request
 * (the projection tells this cache once the change is committed, {@link TenantPolicyProjection.Replaced}); a change
 * made through another node is seen within {@code p3.policy.cache-ttl} (1 s by default), or sooner when this node
 * renews the tenant's rate-limit lease, whose statement reads the policy too. The sandbox enforcement on the command
 * bus, the audit export's control and the rate limit itself (checked when a lease is granted) never use this cache.
 * <p>
 * A read that started before an invalidation must not put the old policy back: every write is tagged with the
 * generation it was read in and dropped if an invalidation happened since.
 */
@Component
public class PolicyCache {
    private final TenantPolicies policies;
    private final long ttlNanos;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();

    private record Entry(TenantPolicy policy, long readAtNanos) {
    }

    public PolicyCache(TenantPolicies policies, @Value("${p3.policy.cache-ttl:1s}") Duration ttl) {
        if (ttl.isNegative()) {
            throw new IllegalArgumentException("p3.policy.cache-ttl must not be negative");
        }
        this.policies = policies;
        this.ttlNanos = ttl.toNanos();
    }

    public TenantPolicy of(String tenantId) {
        long now = System.nanoTime();
        Entry entry = entries.get(tenantId);
        if (entry != null && now - entry.readAtNanos() < ttlNanos) {
            return entry.policy();
        }
        long readIn = generation();
        TenantPolicy policy = policies.of(tenantId);
        offer(tenantId, policy, readIn, now);
        return policy;
    }

    /** The generation to pass to {@link #offer} for a policy about to be read elsewhere (the lease statement). */
    long generation() {
        return generation.get();
    }

    /** Stores a policy read in {@code generation} (at {@code readAtNanos} or later) unless it was invalidated since. */
    void offer(String tenantId, TenantPolicy policy, long generation, long readAtNanos) {
        entries.put(tenantId, new Entry(policy, readAtNanos));
        if (this.generation.get() != generation) {
            entries.remove(tenantId); // an invalidation raced with this read: do not keep what it read
        }
    }

    @EventListener
    public void on(TenantPolicyProjection.Replaced replaced) {
        generation.incrementAndGet();
        entries.remove(replaced.tenantId());
    }
}
