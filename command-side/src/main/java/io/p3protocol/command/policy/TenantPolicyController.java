package io.p3protocol.command.policy;

import io.p3protocol.kernel.policy.ChangeTenantPolicyCommand;
import io.p3protocol.kernel.policy.Feature;
import io.p3protocol.kernel.policy.TenantPolicy;
import io.p3protocol.kernel.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Set;
import java.util.UUID;

@RestController
@Tag(name = "Tenant policy", description = "Sandbox, limits and allowed features of a tenant")
public class TenantPolicyController {
    private final CommandGateway commands;

    public TenantPolicyController(CommandGateway commands) {
        this.commands = commands;
    }

    /**
     * The whole policy: a value left out takes its default (sandboxChain: sepolia when sandboxed; rateLimitRpm 1000;
     * maxSessions 100; allowedFeatures: empty = every feature; exportAllowed: true; the others: none).
     */
    public record TenantPolicyRequest(@NotNull Boolean sandbox, @Size(max = 32) String sandboxChain,
                                      @Min(1) @Max(TenantPolicy.MAX_RATE_LIMIT_RPM) Integer rateLimitRpm,
                                      @Min(1) @Max(TenantPolicy.MAX_SESSIONS_LIMIT) Integer maxSessions,
                                      @Size(max = 32) Set<@NotNull @Size(max = 32) String> allowedFeatures,
                                      @Size(max = 32) String dataRegion,
                                      @Min(1) @Max(TenantPolicy.MAX_RETENTION_DAYS) Integer retentionDays,
                                      Boolean exportAllowed) {
    }

    public record TenantPolicyResponse(String tenantId, boolean sandbox, String sandboxChain, int rateLimitRpm,
                                       int maxSessions, List<String> allowedFeatures, String dataRegion,
                                       Integer retentionDays, boolean exportAllowed) {
        static TenantPolicyResponse of(String tenantId, TenantPolicy policy) {
            return new TenantPolicyResponse(tenantId, policy.sandbox(), policy.sandboxChain(), policy.rateLimitRpm(),
                    policy.maxSessions(), policy.allowedFeatures().stream().map(Feature::wireName).toList(),
                    policy.dataRegion(), policy.retentionDays(), policy.exportAllowed());
        }
    }

    @PutMapping("/api/tenants/{tenantId}/policy")
    @Operation(summary = "Replace a tenant's policy (platform admin only). Unknown chains or features are a 400.")
    public TenantPolicyResponse put(@Parameter(hidden = true) Caller caller, @PathVariable UUID tenantId,
                                    @Valid @RequestBody TenantPolicyRequest request) {
        caller.requirePlatformAdmin();
        TenantPolicy policy = TenantPolicy.of(request.sandbox(), request.sandboxChain(), request.rateLimitRpm(),
                request.maxSessions(), request.allowedFeatures(), request.dataRegion(), request.retentionDays(),
                request.exportAllowed());
        TenantPolicy inForce = commands.sendAndWait(new ChangeTenantPolicyCommand(tenantId.toString(), policy));
        return TenantPolicyResponse.of(tenantId.toString(), inForce);
    }
}
