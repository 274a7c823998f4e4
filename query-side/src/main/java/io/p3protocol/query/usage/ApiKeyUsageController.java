package io.p3protocol.query.usage;

import io.p3protocol.kernel.errors.UnknownAggregate;
import io.p3protocol.kernel.security.Caller;
import io.p3protocol.kernel.security.Role;
import io.p3protocol.kernel.usage.ApiKeyUsage;
import io.p3protocol.kernel.usage.FindApiKeyUsage;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.util.UUID;

/** {@code GET /api/api-keys/{keyId}/usage}: a key's usage this UTC month, shaped as the original's. */
@RestController
@Tag(name = "API keys")
public class ApiKeyUsageController {
    private final QueryGateway queries;

    public ApiKeyUsageController(QueryGateway queries) {
        this.queries = queries;
    }

    @GetMapping("/api/api-keys/{keyId}/usage")
    @Operation(summary = "A key's requests this UTC month against its quota, by endpoint. Another tenant's key is 404.")
    public ApiKeyUsage usage(@Parameter(hidden = true) Caller caller, @PathVariable UUID keyId) {
        return usageOf(queries, caller, keyId.toString());
    }

    /** Shared with GraphQL: a tenant key sees its own tenant's keys; others' are reported as not found. */
    public static ApiKeyUsage usageOf(QueryGateway queries, Caller caller, String keyId) {
        caller.requireRole(Role.VIEWER);
        return queries.query(new FindApiKeyUsage(keyId, caller.platformAdmin() ? null : caller.tenantId()),
                        ResponseTypes.optionalInstanceOf(ApiKeyUsage.class)).join()
                .orElseThrow(() -> new UnknownAggregate("api_key_not_found", "no API key " + keyId));
    }
}
