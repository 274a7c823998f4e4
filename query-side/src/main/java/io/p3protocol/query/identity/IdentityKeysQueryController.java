package io.p3protocol.query.identity;

import io.p3protocol.kernel.errors.AccessDenied;
import io.p3protocol.kernel.errors.InvalidInput;
import io.p3protocol.kernel.errors.UnknownAggregate;
import io.p3protocol.kernel.identity.FindIdentityKeys;
import io.p3protocol.kernel.identity.IdentityKeysSummary;
import io.p3protocol.kernel.identity.WalletAddress;
import io.p3protocol.kernel.security.Caller;
import io.p3protocol.kernel.security.Role;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/identity/{wallet}}: the resource the register route's Location names. */
@RestController
@Tag(name = "Identity keys")
public class IdentityKeysQueryController {
    private final QueryGateway queries;

    public IdentityKeysQueryController(QueryGateway queries) {
        this.queries = queries;
    }

    @GetMapping("/api/identity/{wallet}")
    @Operation(summary = "A wallet's registered public keys, kyberEnabled and status, in the caller's tenant.")
    public IdentityKeysSummary identityKeys(@Parameter(hidden = true) Caller caller, @PathVariable String wallet) {
        if (caller.platformAdmin()) {
            throw new AccessDenied("tenant_key_required",
                    "Identity keys belong to a tenant's wallets: call with one of the tenant's API keys.");
        }
        caller.requireRole(Role.VIEWER);
        WalletAddress address;
        try {
            address = WalletAddress.parse(wallet);
        } catch (IllegalArgumentException e) {
            throw InvalidInput.of("wallet", e.getMessage());
        }
        return queries.query(new FindIdentityKeys(caller.tenantId(), address),
                        ResponseTypes.optionalInstanceOf(IdentityKeysSummary.class)).join()
                .orElseThrow(() -> new UnknownAggregate("identity_keys_not_found",
                        "no identity keys for wallet " + address.value()));
    }
}
