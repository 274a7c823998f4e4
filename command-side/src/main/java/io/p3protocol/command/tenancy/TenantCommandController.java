package io.p3protocol.command.tenancy;

import io.p3protocol.kernel.security.Caller;
import io.p3protocol.kernel.security.Role;
import io.p3protocol.kernel.tenancy.CreateTenantCommand;
import io.p3protocol.kernel.tenancy.ReactivateTenantCommand;
import io.p3protocol.kernel.tenancy.RenameTenantCommand;
import io.p3protocol.kernel.tenancy.SuspendTenantCommand;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.UUID;

@RestController
@RequestMapping("/api/tenants")
@Tag(name = "Tenants", description = "Create, rename, suspend and reactivate tenants")
public class TenantCommandController {
    private final CommandGateway commands;

    public TenantCommandController(CommandGateway commands) {
        this.commands = commands;
    }

    public record CreateTenantRequest(@NotBlank @Size(max = 200) String name) {
    }

    public record RenameTenantRequest(@NotBlank @Size(max = 200) String name) {
    }

    public record SuspendTenantRequest(@Size(max = 500) String reason) {
    }

    public record TenantIdResponse(String tenantId) {
    }

    @PostMapping
    @Operation(summary = "Create a tenant (platform admin only)")
    public ResponseEntity<TenantIdResponse> create(@Parameter(hidden = true) Caller caller,
                                                   @Valid @RequestBody CreateTenantRequest request) {
        caller.requirePlatformAdmin();
        String tenantId = UUID.randomUUID().toString();
        commands.sendAndWait(new CreateTenantCommand(tenantId, request.name().strip()));
        return ResponseEntity.created(URI.create("/api/tenants/" + tenantId)).body(new TenantIdResponse(tenantId));
    }

    @PostMapping("/{tenantId}/rename")
    @Operation(summary = "Rename a tenant (its admin, or the platform admin)")
    public TenantIdResponse rename(@Parameter(hidden = true) Caller caller, @PathVariable UUID tenantId,
                                   @Valid @RequestBody RenameTenantRequest request) {
        caller.requireTenant(tenantId.toString(), Role.ADMIN);
        commands.sendAndWait(new RenameTenantCommand(tenantId.toString(), request.name().strip()));
        return new TenantIdResponse(tenantId.toString());
    }

    @PostMapping("/{tenantId}/suspend")
    @Operation(summary = "Suspend a tenant: its keys stop working (platform admin only)")
    public TenantIdResponse suspend(@Parameter(hidden = true) Caller caller, @PathVariable UUID tenantId,
                                    @Valid @RequestBody(required = false) SuspendTenantRequest request) {
        caller.requirePlatformAdmin();
        commands.sendAndWait(new SuspendTenantCommand(tenantId.toString(), request == null ? null : request.reason()));
        return new TenantIdResponse(tenantId.toString());
    }

    @PostMapping("/{tenantId}/reactivate")
    @Operation(summary = "Reactivate a suspended tenant (platform admin only)")
    public TenantIdResponse reactivate(@Parameter(hidden = true) Caller caller, @PathVariable UUID tenantId) {
        caller.requirePlatformAdmin();
        commands.sendAndWait(new ReactivateTenantCommand(tenantId.toString()));
        return new TenantIdResponse(tenantId.toString());
    }

}
