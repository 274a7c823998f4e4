package io.p3protocol.query.graphql;

import io.p3protocol.kernel.apikeys.ApiKeyPage;
import io.p3protocol.kernel.apikeys.ApiKeySummary;
import io.p3protocol.kernel.apikeys.FindApiKeysPage;
import io.p3protocol.kernel.apikeys.WatchApiKeyIssues;
import io.p3protocol.kernel.security.Caller;
import io.p3protocol.kernel.security.Role;
import io.p3protocol.kernel.tenancy.TenantSummary;
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

/**
 * {@code apiKeys}, {@code Tenant.apiKeys} and {@code apiKeyIssued}. A tenant key naming another tenant gets a
 * NOT_FOUND error ({@code tenant_not_found}), as REST answers 404: it cannot tell others' tenants from missing ones.
 */
@Controller
public class ApiKeyGraphQlController {
    private final QueryGateway queries;

    public ApiKeyGraphQlController(QueryGateway queries) {
        this.queries = queries;
    }

    @QueryMapping
    public CompletableFuture<Connection<ApiKeySummary>> apiKeys(
            @ContextValue(name = GraphQlCaller.CONTEXT_KEY) Caller caller,
            @Argument String tenantId, @Argument Integer first, @Argument String after) {
        caller.requireRole(Role.VIEWER);
        return page(caller.scopeTenant(tenantId), first, after);
    }

    /** The parent tenant was already scoped to the caller when it was read. */
    @SchemaMapping(typeName = "Tenant", field = "apiKeys")
    public CompletableFuture<Connection<ApiKeySummary>> tenantApiKeys(TenantSummary tenant,
                                                                      @Argument Integer first,
                                                                      @Argument String after) {
        return page(tenant.tenantId(), first, after);
    }

    @SubscriptionMapping
    public Flux<ApiKeySummary> apiKeyIssued(@ContextValue(name = GraphQlCaller.CONTEXT_KEY) Caller caller,
                                            @Argument String tenantId) {
        caller.requireRole(Role.VIEWER);
        WatchApiKeyIssues watch = new WatchApiKeyIssues(caller.scopeTenant(tenantId));
        return Flux.using(
                () -> queries.subscriptionQuery(watch, ResponseTypes.multipleInstancesOf(ApiKeySummary.class),
                        ResponseTypes.instanceOf(ApiKeySummary.class)),
                SubscriptionQueryResult::updates,
                SubscriptionQueryResult::cancel);
    }

    @SchemaMapping(typeName = "ApiKey", field = "id")
    public String id(ApiKeySummary key) {
        return key.keyId();
    }

    private CompletableFuture<Connection<ApiKeySummary>> page(String onlyTenantId, Integer first, String after) {
        PageCursors.PageRequest page = PageCursors.API_KEYS.request(first, after);
        return queries.query(new FindApiKeysPage(onlyTenantId, page.afterPosition(), page.limit()), ApiKeyPage.class)
                .thenApply(result -> Connection.of(result.apiKeys(), ApiKeySummary::listPosition,
                        PageCursors.API_KEYS, result.hasPrevious(), result.hasMore()));
    }
}
