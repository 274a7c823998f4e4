package io.p3protocol.command.guardian;

import io.p3protocol.kernel.apikeys.ApiKeyStatus;
import io.p3protocol.kernel.errors.DomainRuleViolation;
import io.p3protocol.kernel.errors.InvalidInput;
import io.p3protocol.kernel.errors.UnknownAggregate;
import io.p3protocol.kernel.guardian.GrantGuardianScopeCommand;
import io.p3protocol.kernel.guardian.RevokeGuardianGrantCommand;
import io.p3protocol.kernel.security.Caller;
import io.p3protocol.kernel.security.Role;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Guardian grants: cross-tenant scopes for one tenant key, made and ended by the platform admin (docs/enterprise.md#guardian). */
@RestController
@Tag(name = "Enterprise: guardian", description = "Cross-tenant federation under recorded, expiring grants")
public class GuardianGrantController {
    /** A grant is a standing hole in tenant isolation: it must end, and within a quarter at most. */
    static final Duration LONGEST_GRANT = Duration.ofDays(90);
    static final int MOST_TENANTS = 100;

    private final CommandGateway commands;
    private final GuardianCandidates candidates;
    private final Clock clock;

    public GuardianGrantController(CommandGateway commands, GuardianCandidates candidates, Clock clock) {
        this.commands = commands;
        this.candidates = candidates;
        this.clock = clock;
    }

    public record GrantRequest(@NotBlank @Size(max = 64) String guardianKeyId,
                               @NotEmpty @Size(max = MOST_TENANTS) List<@NotBlank @Size(max = 64) String> tenantIds,
                               @Size(max = 3) List<@NotNull Role> roles,
                               @NotNull Instant expiresAt) {
    }

    public record GrantResponse(String grantId, String guardianKeyId, String guardianTenantId, Set<String> tenantIds,
                                List<String> roles, Instant expiresAt, String status) {
    }

    public record RevokeRequest(@Size(max = 500) String reason) {
    }

    @PostMapping("/api/enterprise/guardian/grants")
    @Operation(summary = "Grant a tenant key a guardian scope over other tenants until an expiry (platform admin). "
            + "The key then acts inside a named tenant by sending 'X-P3-Guardian-Tenant: <tenantId>'; every such "
            + "request is recorded in both tenants' audit trails.")
    public ResponseEntity<GrantResponse> grant(@Parameter(hidden = true) Caller caller,
                                               @Valid @RequestBody GrantRequest request) {
        caller.requirePlatformAdmin();
        Instant now = clock.instant();
        List<InvalidInput.FieldError> errors = new ArrayList<>();
        if (!request.expiresAt().isAfter(now)) {
            errors.add(new InvalidInput.FieldError("expiresAt", "must be in the future"));
        } else if (request.expiresAt().isAfter(now.plus(LONGEST_GRANT))) {
            errors.add(new InvalidInput.FieldError("expiresAt", "must be at most 90 days ahead"));
        }
        Set<String> tenants = new LinkedHashSet<>(request.tenantIds());
        Set<String> unknown = candidates.unknownTenants(tenants);
        if (!unknown.isEmpty()) {
            errors.add(new InvalidInput.FieldError("tenantIds", "no tenant " + String.join(", ", unknown)));
        }
        GuardianCandidates.CandidateKey key = candidates.key(request.guardianKeyId()).orElseThrow(
                () -> new UnknownAggregate("api_key_not_found", "no API key " + request.guardianKeyId()));
        if (key.status() != ApiKeyStatus.ACTIVE) {
            throw new DomainRuleViolation("api_key_not_active", "key " + key.keyId() + " is " +
                    key.status().name().toLowerCase(java.util.Locale.ROOT) + "; only an active key can be a guardian");
        }
        if (tenants.contains(key.tenantId())) {
            errors.add(new InvalidInput.FieldError("tenantIds", "must not name the key's own tenant"));
        }
        Set<Role> roles = request.roles() == null || request.roles().isEmpty()
                ? Set.of(Role.VIEWER) : Set.copyOf(request.roles());
        for (Role role : roles) {
            if (key.roles().stream().noneMatch(held -> held.covers(role))) {
                errors.add(new InvalidInput.FieldError("roles",
                        "'" + role.wireName() + "' is more than the key itself holds"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        String grantId = UUID.randomUUID().toString();
        commands.sendAndWait(new GrantGuardianScopeCommand(grantId, key.keyId(), key.tenantId(), tenants, roles,
                request.expiresAt()));
        return ResponseEntity.status(HttpStatus.CREATED).body(new GrantResponse(grantId, key.keyId(),
                key.tenantId(), tenants, List.of(Role.wireNames(roles)), request.expiresAt(), "active"));
    }

    @PostMapping("/api/enterprise/guardian/grants/{grantId}/revoke")
    @Operation(summary = "End a guardian grant at once (platform admin)")
    public ResponseEntity<GrantStatus> revoke(@Parameter(hidden = true) Caller caller, @PathVariable String grantId,
                                              @Valid @RequestBody(required = false) RevokeRequest request) {
        caller.requirePlatformAdmin();
        commands.sendAndWait(new RevokeGuardianGrantCommand(grantId, request == null ? null : request.reason()));
        return ResponseEntity.ok(new GrantStatus(grantId, "revoked"));
    }

    public record GrantStatus(String grantId, String status) {
    }
}
