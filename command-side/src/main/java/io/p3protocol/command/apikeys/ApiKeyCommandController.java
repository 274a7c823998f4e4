package io.p3protocol.command.apikeys;

import io.p3protocol.kernel.apikeys.IssueApiKeyCommand;
import io.p3protocol.kernel.apikeys.IssuedApiKey;
import io.p3protocol.kernel.apikeys.RevokeApiKeyCommand;
import io.p3protocol.kernel.crypto.ApiKeyMaterial;
import io.p3protocol.kernel.security.Caller;
import io.p3protocol.kernel.security.Role;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Future;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

@RestController
@Tag(name = "API keys", description = "Issue and revoke tenant API keys")
public class ApiKeyCommandController {
    private final CommandGateway commands;

    public ApiKeyCommandController(CommandGateway commands) {
        this.commands = commands;
    }

    public record IssueApiKeyRequest(@NotEmpty Set<@NotNull Role> roles, @Future Instant expiresAt,
                                     @Min(1) @Max(1_000_000_000_000L) Long quotaMonthly) {
    }

    /** The only place the plaintext key ever appears: shown once, never stored, never logged. */
    public record IssuedApiKeyResponse(String keyId, String apiKey, String tenantId, Set<Role> roles,
                                       Instant expiresAt, long quotaMonthly) {
    }

    public record RevokeApiKeyRequest(@Size(max = 500) String reason) {
    }

    public record RevokedApiKeyResponse(String keyId, String status) {
    }

    @PostMapping("/api/tenants/{tenantId}/api-keys")
    @Operation(summary = "Issue an API key for a tenant (its admin, or the platform admin). The key is shown once.")
    public ResponseEntity<IssuedApiKeyResponse> issue(@Parameter(hidden = true) Caller caller,
                                                      @PathVariable UUID tenantId,
                                                      @Valid @RequestBody IssueApiKeyRequest request) {
        caller.requireTenant(tenantId.toString(), Role.ADMIN);
        String keyId = UUID.randomUUID().toString();
        String apiKey = ApiKeyMaterial.generate();
        // Without a quota the tenant decides (its tier's, else the default); the answer shows the quota recorded.
        IssuedApiKey issued = commands.sendAndWait(new IssueApiKeyCommand(keyId, tenantId.toString(),
                request.roles(), ApiKeyMaterial.hash(apiKey), request.expiresAt(), request.quotaMonthly()));
        return ResponseEntity.created(URI.create("/api/api-keys/" + keyId))
                .cacheControl(CacheControl.noStore())
                .body(new IssuedApiKeyResponse(keyId, apiKey, tenantId.toString(), request.roles(),
                        request.expiresAt(), issued.quotaMonthly()));
    }

    @PostMapping("/api/api-keys/{keyId}/revoke")
    @Operation(summary = "Revoke an API key; it stops working at once. Revoking twice is a 409.")
    public RevokedApiKeyResponse revoke(@Parameter(hidden = true) Caller caller, @PathVariable UUID keyId,
                                        @Valid @RequestBody(required = false) RevokeApiKeyRequest request) {
        caller.requireRole(Role.ADMIN);
        commands.sendAndWait(new RevokeApiKeyCommand(keyId.toString(), caller.platformAdmin() ? null : caller.tenantId(),
                request == null ? null : request.reason()));
        return new RevokedApiKeyResponse(keyId.toString(), "REVOKED");
    }
}
