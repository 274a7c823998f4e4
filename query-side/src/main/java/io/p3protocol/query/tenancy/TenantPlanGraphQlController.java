package io.p3protocol.query.tenancy;

import io.p3protocol.kernel.apikeys.ApiKeySummary;
import io.p3protocol.kernel.security.Caller;
import io.p3protocol.kernel.security.Role;
import io.p3protocol.kernel.tenancy.FindTenantPlan;
import io.p3protocol.kernel.tenancy.FindTenantZones;
import io.p3protocol.kernel.tenancy.TenantPlan;
import io.p3protocol.kernel.tenancy.TenantSummary;
import io.p3protocol.kernel.tenancy.TenantZoneList;
import io.p3protocol.kernel.tenancy.TenantZoneView;
import io.p3protocol.kernel.tenancy.Tier;
import io.p3protocol.kernel.usage.ApiKeyUsage;
import io.p3protocol.kernel.usage.FindApiKeyUsage;
import io.p3protocol.kernel.errors.UnknownAggregate;
import io.p3protocol.query.graphql.GraphQlCaller;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * {@code Tenant.tier}, {@code Tenant.zone}, {@code zones}, {@code tiers}, {@code apiKeyUsage} and
 * {@code ApiKey.usage} (schema in {@code plans.graphqls}). Tenants and keys reached through {@code tenant} and
 * {@code apiKeys} were already scoped to the caller.
 */
@Controller
public class TenantPlanGraphQlController {
    private final QueryGateway queries;
    private final java.time.Clock clock;

    public TenantPlanGraphQlController(QueryGateway queries, java.time.Clock clock) {
        this.queries = queries;
        this.clock = clock;
    }

    /** The GraphQL {@code TierDescription}. */
    public record TierNode(Tier tier, String name, long quotaMonthly, BigDecimal monthlyPrice,
                           BigDecimal overagePerUnit, boolean ssoAllowed, String features) {
        static TierNode of(Tier tier) {
            return new TierNode(tier, tier.displayName(), tier.quotaMonthly(), tier.monthlyPrice(),
                    tier.overagePerUnit(), tier.allowsSso(), features(tier.features()));
        }

        private static String features(Map<String, Object> features) {
            try {
                return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(features);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @SchemaMapping(typeName = "Tenant", field = "tier")
    public CompletableFuture<Tier> tier(TenantSummary tenant) {
        return plan(tenant).thenApply(TenantPlan::tier);
    }

    @SchemaMapping(typeName = "Tenant", field = "zone")
    public CompletableFuture<TenantZoneView> zone(TenantSummary tenant) {
        return plan(tenant).thenApply(plan -> plan.zone() == null ? null : new TenantZoneView(plan.tenantId(),
                plan.zone().provider(), plan.zone().region(), plan.zoneChangedAt(), plan.zoneChangedBy()));
    }

    @QueryMapping
    public CompletableFuture<List<TenantZoneView>> zones(@ContextValue(name = GraphQlCaller.CONTEXT_KEY) Caller caller,
                                                         @Argument String provider, @Argument String region) {
        caller.requireRole(Role.VIEWER);
        return queries.query(new FindTenantZones(caller.platformAdmin() ? null : caller.tenantId(), provider, region),
                TenantZoneList.class).thenApply(TenantZoneList::zones);
    }

    @QueryMapping
    public List<TierNode> tiers() {
        return Arrays.stream(Tier.values()).map(TierNode::of).toList();
    }

    @QueryMapping
    public CompletableFuture<ApiKeyUsage> apiKeyUsage(@ContextValue(name = GraphQlCaller.CONTEXT_KEY) Caller caller,
                                                      @Argument String keyId, @Argument String month) {
        caller.requireRole(Role.VIEWER);
        return usage(keyId, caller.platformAdmin() ? null : caller.tenantId(),
                io.p3protocol.query.usage.ApiKeyUsageController.parseMonth(month, clock));
    }

    @SchemaMapping(typeName = "ApiKey", field = "usage")
    public CompletableFuture<ApiKeyUsage> keyUsage(ApiKeySummary key) {
        return usage(key.keyId(), key.tenantId(), null);
    }

    private CompletableFuture<ApiKeyUsage> usage(String keyId, String onlyTenantId, java.time.YearMonth month) {
        return queries.query(new FindApiKeyUsage(keyId, onlyTenantId, month),
                        ResponseTypes.optionalInstanceOf(ApiKeyUsage.class))
                .thenApply(found -> found.orElseThrow(() -> new UnknownAggregate("api_key_not_found",
                        "no API key " + keyId)));
    }

    private CompletableFuture<TenantPlan> plan(TenantSummary tenant) {
        return queries.query(new FindTenantPlan(tenant.tenantId()), TenantPlan.class);
    }
}
