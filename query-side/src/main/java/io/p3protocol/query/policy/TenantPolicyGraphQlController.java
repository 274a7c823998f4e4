package io.p3protocol.query.policy;

import io.p3protocol.kernel.policy.Feature;
import io.p3protocol.kernel.policy.FindTenantPolicy;
import io.p3protocol.kernel.policy.TenantPolicy;
import io.p3protocol.kernel.policy.TenantPolicyView;
import io.p3protocol.kernel.tenancy.TenantSummary;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * {@code Tenant.policy}. The tenant was already resolved for (and scoped to) the caller, so its policy is visible to
 * whoever may see the tenant: its own keys and the platform admin.
 */
@Controller
public class TenantPolicyGraphQlController {
    private final QueryGateway queries;

    public TenantPolicyGraphQlController(QueryGateway queries) {
        this.queries = queries;
    }

    /** The GraphQL {@code TenantPolicy} type, field for field (features by their wire names). */
    public record TenantPolicyNode(boolean sandbox, String sandboxChain, int rateLimitRpm, int maxSessions,
                                   List<String> allowedFeatures, List<String> effectiveFeatures, String dataRegion,
                                   Integer retentionDays, boolean exportAllowed, Instant updatedAt,
                                   String updatedBy) {
        static TenantPolicyNode of(TenantPolicyView view) {
            TenantPolicy policy = view.policy();
            return new TenantPolicyNode(policy.sandbox(), policy.sandboxChain(), policy.rateLimitRpm(),
                    policy.maxSessions(), policy.allowedFeatures().stream().map(Feature::wireName).toList(),
                    Arrays.stream(Feature.values()).filter(policy::allows).map(Feature::wireName).toList(),
                    policy.dataRegion(), policy.retentionDays(), policy.exportAllowed(), view.updatedAt(),
                    view.updatedBy());
        }
    }

    @SchemaMapping(typeName = "Tenant", field = "policy")
    public CompletableFuture<TenantPolicyNode> policy(TenantSummary tenant) {
        return queries.query(new FindTenantPolicy(tenant.tenantId()), TenantPolicyView.class)
                .thenApply(TenantPolicyNode::of);
    }
}
