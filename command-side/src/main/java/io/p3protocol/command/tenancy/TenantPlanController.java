package io.p3protocol.command.tenancy;

import io.p3protocol.kernel.errors.InvalidInput;
import io.p3protocol.kernel.security.Caller;
import io.p3protocol.kernel.tenancy.ChangeTenantTierCommand;
import io.p3protocol.kernel.tenancy.PlaceTenantInZoneCommand;
import io.p3protocol.kernel.tenancy.Tier;
import io.p3protocol.kernel.tenancy.Zone;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.util.Map;
import java.util.UUID;

/** A tenant's subscription tier and zone. Both are the platform admin's to set. */
@RestController
@Tag(name = "Tenant plan", description = "Subscription tier and zone (provider, region) of a tenant")
public class TenantPlanController {
    private final CommandGateway commands;

    public TenantPlanController(CommandGateway commands) {
        this.commands = commands;
    }

    public record TierRequest(@NotBlank @Size(max = 32) String tier) {
    }

    public record TierResponse(String tenantId, Tier tier, String name, long quotaMonthly, BigDecimal monthlyPrice,
                               BigDecimal overagePerUnit, boolean ssoAllowed, Map<String, Object> features) {
        static TierResponse of(String tenantId, Tier tier) {
            return new TierResponse(tenantId, tier, tier.displayName(), tier.quotaMonthly(), tier.monthlyPrice(),
                    tier.overagePerUnit(), tier.allowsSso(), tier.features());
        }
    }

    public record ZoneRequest(@NotBlank @Size(max = 16) String provider, @NotBlank @Size(max = 32) String region) {
    }

    public record ZoneResponse(String tenantId, String provider, String region) {
    }

    @PutMapping("/api/tenants/{tenantId}/tier")
    @Operation(summary = "Put a tenant on a tier: free, starter, pro or enterprise (platform admin only)")
    public TierResponse tier(@Parameter(hidden = true) Caller caller, @PathVariable UUID tenantId,
                             @Valid @RequestBody TierRequest request) {
        caller.requirePlatformAdmin();
        Tier tier = Tier.find(request.tier()).orElseThrow(() -> InvalidInput.of("tier",
                "unknown tier '" + request.tier() + "'; one of " + Tier.knownNames()));
        Tier inForce = commands.sendAndWait(new ChangeTenantTierCommand(tenantId.toString(), tier));
        return TierResponse.of(tenantId.toString(), inForce);
    }

    @PutMapping("/api/tenants/{tenantId}/zone")
    @Operation(summary = "Place a tenant in a zone (platform admin only). The policy's dataRegion must agree (409).")
    public ZoneResponse zone(@Parameter(hidden = true) Caller caller, @PathVariable UUID tenantId,
                             @Valid @RequestBody ZoneRequest request) {
        caller.requirePlatformAdmin();
        Zone zone = Zone.of(request.provider(), request.region());
        Zone inForce = commands.sendAndWait(new PlaceTenantInZoneCommand(tenantId.toString(), zone));
        return new ZoneResponse(tenantId.toString(), inForce.provider(), inForce.region());
    }
}
