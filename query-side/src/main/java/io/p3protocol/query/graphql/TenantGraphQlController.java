package io.p3protocol.query.graphql;

import io.p3protocol.kernel.security.Caller;
import io.p3protocol.kernel.security.Role;
import io.p3protocol.kernel.tenancy.FindTenant;
import io.p3protocol.kernel.tenancy.FindTenantsPage;
import io.p3protocol.kernel.tenancy.TenantPage;
import io.p3protocol.kernel.tenancy.TenantSummary;
import io.p3protocol.kernel.tenancy.WatchTenantCreations;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.data.method.annotation.SubscriptionMapping;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Flux;

import java.util.concurrent.CompletableFuture;

/** {@code tenants}, {@code tenant} and {@code tenantCreated}: read models through the query bus, scoped to the caller. */
@Controller
public class TenantGraphQlController {
    private final QueryGateway queries;

    public TenantGraphQlController(QueryGateway queries) {
        this.queries = queries;
    }

    @QueryMapping
    public CompletableFuture<Connection<TenantSummary>> tenants(
            @ContextValue(name = GraphQlCaller.CONTEXT_KEY) Caller caller,
            @Argument Integer first, @Argument String after) {
        caller.requireRole(Role.VIEWER);
        PageCursors.PageRequest page = PageCursors.TENANTS.request(first, after);
        FindTenantsPage query = new FindTenantsPage(visibleTenant(caller), page.afterPosition(), page.limit());
        return queries.query(query, TenantPage.class).thenApply(result -> Connection.of(result.tenants(),
                TenantSummary::listPosition, PageCursors.TENANTS, result.hasPrevious(), result.hasMore()));
    }

    /** Another tenant's id answers null, exactly like an id that does not exist. */
    @QueryMapping
    public CompletableFuture<TenantSummary> tenant(@ContextValue(name = GraphQlCaller.CONTEXT_KEY) Caller caller,
                                                   @Argument String id) {
        caller.requireRole(Role.VIEWER);
        if (!caller.canAccessTenant(id)) {
            return CompletableFuture.completedFuture(null);
        }
        return queries.query(new FindTenant(id), ResponseTypes.optionalInstanceOf(TenantSummary.class))
                .thenApply(found -> found.orElse(null));
    }

    /**
     * Registers an Axon subscription query when GraphQL subscribes and cancels it when the client stops listening
     * (complete message, disconnect, or error).
     */
    @SubscriptionMapping
    public Flux<TenantSummary> tenantCreated(@ContextValue(name = GraphQlCaller.CONTEXT_KEY) Caller caller) {
        caller.requireRole(Role.VIEWER);
        WatchTenantCreations watch = new WatchTenantCreations(visibleTenant(caller));
        return Flux.using(
                () -> queries.subscriptionQuery(watch, ResponseTypes.multipleInstancesOf(TenantSummary.class),
                        ResponseTypes.instanceOf(TenantSummary.class)),
                SubscriptionQueryResult::updates,
                SubscriptionQueryResult::cancel);
    }

    @SchemaMapping(typeName = "Tenant", field = "id")
    public String id(TenantSummary tenant) {
        return tenant.tenantId();
    }

    /** The tenant a caller's tenant reads are limited to: its own, or none (every tenant) for the platform admin. */
    private static String visibleTenant(Caller caller) {
        return caller.platformAdmin() ? null : caller.tenantId();
    }
}
