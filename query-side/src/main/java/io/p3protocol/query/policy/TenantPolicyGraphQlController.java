package io.p3protocol.query.policy;

import io.p3protocol.kernel.policy.Feature;
import io.p3protocol.kernel.policy.FindTenantPolicy;
import io.p3protocol.kernel.policy.TenantPolicyView;
import io.p3protocol.kernel.tenancy.TenantSummary;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

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

    @SchemaMapping(typeName = "Tenant", field = "policy")
    public CompletableFuture<TenantPolicyView> policy(TenantSummary tenant) {
        return queries.query(new FindTenantPolicy(tenant.tenantId()), TenantPolicyView.class);
    }

    @SchemaMapping(typeName = "TenantPolicy", field = "sandbox")
    public boolean sandbox(TenantPolicyView view) {
        return view.policy().sandbox();
    }

    @SchemaMapping(typeName = "TenantPolicy", field = "sandboxChain")
    public String sandboxChain(TenantPolicyView view) {
        return view.policy().sandboxChain();
    }

    @SchemaMapping(typeName = "TenantPolicy", field = "rateLimitRpm")
    public int rateLimitRpm(TenantPolicyView view) {
        return view.policy().rateLimitRpm();
    }

    @SchemaMapping(typeName = "TenantPolicy", field = "maxSessions")
    public int maxSessions(TenantPolicyView view) {
        return view.policy().maxSessions();
    }

    @SchemaMapping(typeName = "TenantPolicy", field = "allowedFeatures")
    public List<String> allowedFeatures(TenantPolicyView view) {
        return view.policy().allowedFeatures().stream().map(Feature::wireName).toList();
    }

    @SchemaMapping(typeName = "TenantPolicy", field = "effectiveFeatures")
    public List<String> effectiveFeatures(TenantPolicyView view) {
        return Arrays.stream(Feature.values()).filter(view.policy()::allows).map(Feature::wireName).toList();
    }

    @SchemaMapping(typeName = "TenantPolicy", field = "dataRegion")
    public String dataRegion(TenantPolicyView view) {
        return view.policy().dataRegion();
    }

    @SchemaMapping(typeName = "TenantPolicy", field = "retentionDays")
    public Integer retentionDays(TenantPolicyView view) {
        return view.policy().retentionDays();
    }

    @SchemaMapping(typeName = "TenantPolicy", field = "exportAllowed")
    public boolean exportAllowed(TenantPolicyView view) {
        return view.policy().exportAllowed();
    }
}
