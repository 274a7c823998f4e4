package io.p3protocol.command.vault;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.p3protocol.kernel.errors.AccessDenied;
import io.p3protocol.kernel.errors.InvalidInput;
import io.p3protocol.kernel.errors.UnknownAggregate;
import io.p3protocol.kernel.security.Caller;
import io.p3protocol.kernel.security.Role;
import io.p3protocol.kernel.vault.DestroySecretCommand;
import io.p3protocol.kernel.vault.ManagedSecretKind;
import io.p3protocol.kernel.vault.RevealSecretCommand;
import io.p3protocol.kernel.vault.RotateSecretCommand;
import io.p3protocol.kernel.vault.SecretNames;
import io.p3protocol.kernel.vault.SecretVersion;
import io.p3protocol.kernel.vault.StoreSecretCommand;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.Instant;

/**
 * The vault's REST surface. Every route acts on the calling key's own tenant (never one named in the request), so
 * the platform-admin key, which has no tenant, is refused here. Roles: store, rotate, reveal and destroy need
 * {@code admin}. Another tenant's secret of the same name is a different secret, so it is simply not found.
 * Answers that carry a value are {@code Cache-Control: no-store}.
 */
@RestController
@RequestMapping("/api/vault/secrets")
@Tag(name = "Vault", description = "Store, rotate, reveal and destroy tenant secrets")
public class VaultController {
    private final CommandGateway commands;

    public VaultController(CommandGateway commands) {
        this.commands = commands;
    }

    public record StoreSecretRequest(@NotNull String name,
                                     @Size(min = 1, max = SecretNames.MAX_VALUE_LENGTH) String value) {
        @Override
        public String toString() {
            return "StoreSecretRequest[name=" + name + ", value=" + (value == null ? "null" : "<redacted>") + "]";
        }
    }

    public record RotateSecretRequest(Boolean reveal, @Size(min = 1, max = SecretNames.MAX_VALUE_LENGTH) String value) {
        @Override
        public String toString() {
            return "RotateSecretRequest[reveal=" + reveal + ", value=" + (value == null ? "null" : "<redacted>") + "]";
        }
    }

    public record RevealSecretRequest(@Min(1) @Max(Integer.MAX_VALUE) Integer version) {
    }

    public record StoredSecretResponse(String name, int version, Instant expiresAt, boolean managed,
                                       boolean generated) {
    }

    /** {@code value} only when the rotation was asked to reveal it. */
    public record RotatedSecretResponse(String name, int version, Instant expiresAt,
                                        @JsonInclude(JsonInclude.Include.NON_NULL) String value) {
        @Override
        public String toString() {
            return "RotatedSecretResponse[name=" + name + ", version=" + version + ", value=<redacted>]";
        }
    }

    public record RevealedSecretResponse(String name, int version, String value) {
        @Override
        public String toString() {
            return "RevealedSecretResponse[name=" + name + ", version=" + version + ", value=<redacted>]";
        }
    }

    public record DestroyedSecretResponse(String name, int lastVersion, String status) {
    }

    @PostMapping
    @Operation(summary = "Store a secret (admin). Without a value, one is generated (managed kinds in their format).")
    public ResponseEntity<StoredSecretResponse> store(@Parameter(hidden = true) Caller caller,
                                                      @Valid @RequestBody StoreSecretRequest request) {
        String tenant = tenantOf(caller, Role.ADMIN);
        String name = validName(request.name());
        SecretVersion stored = send(StoreSecretCommand.of(tenant, name, request.value()), name);
        return ResponseEntity.created(URI.create("/api/vault/secrets/" + name))
                .body(new StoredSecretResponse(name, stored.version(), stored.expiresAt(),
                        ManagedSecretKind.of(name).isPresent(), request.value() == null));
    }

    @PostMapping("/{name}/rotate")
    @Operation(summary = "Rotate a secret to a new version (admin); the previous version is retired at once. "
            + "The new value is returned only with {\"reveal\": true}.")
    public ResponseEntity<RotatedSecretResponse> rotate(@Parameter(hidden = true) Caller caller,
                                                        @PathVariable String name,
                                                        @Valid @RequestBody(required = false) RotateSecretRequest request) {
        String tenant = tenantOf(caller, Role.ADMIN);
        boolean reveal = request != null && Boolean.TRUE.equals(request.reveal());
        SecretVersion rotated = send(RotateSecretCommand.of(tenant, validName(name),
                request == null ? null : request.value(), reveal), name);
        return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                .body(new RotatedSecretResponse(name, rotated.version(), rotated.expiresAt(), rotated.value()));
    }

    @PostMapping("/{name}/reveal")
    @Operation(summary = "Reveal a secret's value (admin): the current version, or the one named (a retired one is "
            + "410 secret_version_retired; an expired secret is 409 secret_expired). Recorded with the actor.")
    public ResponseEntity<RevealedSecretResponse> reveal(@Parameter(hidden = true) Caller caller,
                                                         @PathVariable String name,
                                                         @Valid @RequestBody(required = false) RevealSecretRequest request) {
        String tenant = tenantOf(caller, Role.ADMIN);
        SecretVersion revealed = send(RevealSecretCommand.of(tenant, validName(name),
                request == null ? null : request.version()), name);
        return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                .body(new RevealedSecretResponse(name, revealed.version(), revealed.value()));
    }

    @DeleteMapping("/{name}")
    @Operation(summary = "Destroy a secret (admin): its keys are erased, so no version can ever be decrypted again.")
    public DestroyedSecretResponse destroy(@Parameter(hidden = true) Caller caller, @PathVariable String name) {
        String tenant = tenantOf(caller, Role.ADMIN);
        int lastVersion = send(DestroySecretCommand.of(tenant, validName(name)), name);
        return new DestroyedSecretResponse(name, lastVersion, "DESTROYED");
    }

    /** The tenant the vault acts on: the key's own. The platform admin has none and must use a tenant key. */
    static String tenantOf(Caller caller, Role required) {
        if (caller.platformAdmin()) {
            throw new AccessDenied("forbidden", "Vault routes act on the calling key's own tenant; the platform-admin "
                    + "key has none. Use an API key of the tenant.");
        }
        caller.requireRole(required);
        return caller.tenantId();
    }

    static String validName(String name) {
        if (!SecretNames.isValid(name)) {
            throw InvalidInput.of("name", "letters, digits, '_', '.' or '-', starting with a letter or digit, "
                    + "at most 128 characters");
        }
        return name;
    }

    /** A secret that was never stored is an aggregate Axon cannot find: answered as 404 secret_not_found. */
    private <R> R send(Object command, String name) {
        try {
            return commands.sendAndWait(command);
        } catch (AggregateNotFoundException e) {
            throw new UnknownAggregate("secret_not_found", "no secret " + name);
        }
    }
}
