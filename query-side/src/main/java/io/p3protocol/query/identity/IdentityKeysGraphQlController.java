package io.p3protocol.query.identity;

import io.p3protocol.kernel.identity.FindIdentityKeys;
import io.p3protocol.kernel.identity.IdentityKeysSummary;
import io.p3protocol.kernel.identity.WalletAddress;
import io.p3protocol.kernel.security.Caller;
import io.p3protocol.kernel.security.Role;
import io.p3protocol.query.graphql.GraphQlCaller;
import io.p3protocol.query.graphql.InvalidGraphQlArgument;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

import java.util.concurrent.CompletableFuture;

/**
 * {@code identityKeys(wallet, tenantId)} (query-side/src/main/resources/graphql/identity.graphqls). A tenant key
 * looks in its own tenant only; naming another tenant is a NOT_FOUND error, as for API keys. The platform admin
 * names the tenant.
 */
@Controller
public class IdentityKeysGraphQlController {
    private final QueryGateway queries;

    public IdentityKeysGraphQlController(QueryGateway queries) {
        this.queries = queries;
    }

    @QueryMapping
    public CompletableFuture<IdentityKeysSummary> identityKeys(
            @ContextValue(name = GraphQlCaller.CONTEXT_KEY) Caller caller, @Argument String wallet,
            @Argument String tenantId) {
        caller.requireRole(Role.VIEWER);
        String tenant = caller.scopeTenant(tenantId);
        if (tenant == null) {
            throw new InvalidGraphQlArgument("tenant_required", "The platform admin must name the tenant (tenantId).");
        }
        WalletAddress address;
        try {
            address = WalletAddress.parse(wallet);
        } catch (IllegalArgumentException e) {
            throw new InvalidGraphQlArgument("invalid_wallet", "wallet " + e.getMessage());
        }
        return queries.query(new FindIdentityKeys(tenant, address),
                        ResponseTypes.optionalInstanceOf(IdentityKeysSummary.class))
                .thenApply(found -> found.orElse(null));
    }
}
