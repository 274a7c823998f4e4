package io.p3protocol.query.reports;

import io.p3protocol.kernel.messaging.MetadataKeys;
import io.p3protocol.kernel.policy.SandboxViolationBlockedEvent;
import io.p3protocol.kernel.policy.TenantPolicyChangedEvent;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code sandbox-violations}: every chain-targeted command the sandbox refused, up to an instant, with who sent it,
 * what it was and which chain it named; and per tenant that was ever sandboxed, whether it was sandboxed at
 * {@code asOf}, its sandbox chain then, and how many refusals it had.
 * <p>
 * Built only from the policy-change and violation events stamped at or before {@code asOf}.
 */
@Component
public class SandboxViolationsReport implements ComplianceReport {
    public static final String NAME = "sandbox-violations";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String title() {
        return "Sandbox violations";
    }

    @Override
    public ReportProjection newProjection(ReportRequest request) {
        return new Projection();
    }

    public record Body(int violations, List<TenantSandbox> tenants, List<Violation> rows) {
    }

    /**
     * @param sandboxed    whether the tenant was sandboxed at {@code asOf}
     * @param sandboxedAt  when its sandbox was last switched on (null if never)
     * @param violations   refusals recorded for it up to {@code asOf}
     */
    public record TenantSandbox(String tenantId, boolean sandboxed, String sandboxChain, Instant sandboxedAt,
                                int violations) {
    }

    /** @param requestedChain the chain the refused command named, or null when it named none */
    public record Violation(Instant at, String tenantId, String actor, String commandType, String requestedChain,
                            String sandboxChain) {
    }

    static final class Projection implements ReportProjection {
        private final Map<String, Tenant> tenants = new LinkedHashMap<>();
        private final List<Violation> rows = new ArrayList<>();

        private static final class Tenant {
            final String id;
            boolean sandboxed;
            String sandboxChain;
            Instant sandboxedAt;
            int violations;

            Tenant(String id) {
                this.id = id;
            }
        }

        @EventHandler
        void on(TenantPolicyChangedEvent event, @Timestamp Instant at) {
            Tenant tenant = tenants.get(event.tenantId());
            if (tenant == null && !event.policy().sandbox()) {
                return; // only tenants that were ever sandboxed are listed
            }
            tenant = tenants.computeIfAbsent(event.tenantId(), Tenant::new);
            if (event.policy().sandbox() && !tenant.sandboxed) {
                tenant.sandboxedAt = at;
            }
            tenant.sandboxed = event.policy().sandbox();
            tenant.sandboxChain = event.policy().sandbox() ? event.policy().effectiveSandboxChain() : null;
        }

        @EventHandler
        void on(SandboxViolationBlockedEvent event, @Timestamp Instant at,
                @MetaDataValue(MetadataKeys.ACTOR) String actor) {
            rows.add(new Violation(at, event.tenantId(), actor, event.commandType(), event.requestedChain(),
                    event.sandboxChain()));
            tenants.computeIfAbsent(event.tenantId(), Tenant::new).violations++;
        }

        @Override
        public Body result() {
            List<TenantSandbox> out = tenants.values().stream().map(t -> new TenantSandbox(t.id, t.sandboxed,
                    t.sandboxChain, t.sandboxedAt, t.violations)).toList();
            return new Body(rows.size(), out, List.copyOf(rows));
        }
    }
}
