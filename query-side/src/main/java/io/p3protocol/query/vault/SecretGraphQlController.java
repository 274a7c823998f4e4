package io.p3protocol.query.vault;

import io.p3protocol.kernel.security.Caller;
import io.p3protocol.kernel.security.Role;
import io.p3protocol.kernel.vault.FindSecrets;
import io.p3protocol.kernel.vault.SecretList;
import io.p3protocol.kernel.vault.SecretSummary;
import io.p3protocol.query.graphql.GraphQlCaller;
import io.p3protocol.query.graphql.InvalidGraphQlArgument;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * {@code secrets}, {@code secret} and {@code expiringSecrets}: metadata only; the schema has no field that could
 * carry a value. A tenant key sees its own tenant's secrets (naming another tenant is a NOT_FOUND error); the
 * platform admin sees every tenant's, or one tenant's with {@code tenantId}.
 */
@Controller
public class SecretGraphQlController {
    static final int MAX_WITHIN_DAYS = 3650;

    private final QueryGateway queries;

    public SecretGraphQlController(QueryGateway queries) {
        this.queries = queries;
    }

    @QueryMapping
    public CompletableFuture<List<SecretSummary>> secrets(@ContextValue(name = GraphQlCaller.CONTEXT_KEY) Caller caller,
                                                          @Argument String tenantId) {
        caller.requireRole(Role.VIEWER);
        return find(new FindSecrets(caller.scopeTenant(tenantId), null, null));
    }

    @QueryMapping
    public CompletableFuture<SecretSummary> secret(@ContextValue(name = GraphQlCaller.CONTEXT_KEY) Caller caller,
                                                   @Argument String name, @Argument String tenantId) {
        caller.requireRole(Role.VIEWER);
        String scope = caller.scopeTenant(tenantId);
        if (scope == null) {
            throw new InvalidGraphQlArgument("tenant_required", "the platform admin names the tenant with tenantId");
        }
        return find(new FindSecrets(scope, name, null)).thenApply(list -> list.isEmpty() ? null : list.get(0));
    }

    @QueryMapping
    public CompletableFuture<List<SecretSummary>> expiringSecrets(
            @ContextValue(name = GraphQlCaller.CONTEXT_KEY) Caller caller, @Argument Integer withinDays,
            @Argument String tenantId) {
        caller.requireRole(Role.VIEWER);
        int days = withinDays == null ? 7 : withinDays;
        if (days < 0 || days > MAX_WITHIN_DAYS) {
            throw new InvalidGraphQlArgument("invalid_within_days", "withinDays is between 0 and " + MAX_WITHIN_DAYS);
        }
        return find(new FindSecrets(caller.scopeTenant(tenantId), null, days));
    }

    private CompletableFuture<List<SecretSummary>> find(FindSecrets query) {
        return queries.query(query, SecretList.class).thenApply(SecretList::secrets);
    }
}
