package io.p3protocol.command.vault;

import io.p3protocol.kernel.errors.InvalidInput;
import io.p3protocol.kernel.security.Caller;
import io.p3protocol.kernel.security.Role;
import io.p3protocol.kernel.vault.IssueTurnCredentialCommand;
import io.p3protocol.kernel.vault.ManagedSecretKind;
import io.p3protocol.kernel.vault.TurnCredential;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * TURN credentials in coturn's REST-API scheme ({@code use-auth-secret}), keyed by the tenant's
 * {@code TURN_CREDENTIAL} (generated on first use). Needs the {@code operator} role: services hand these out to
 * their clients. The user defaults to the tenant's {@code TURN_USERNAME}, as in the original.
 */
@RestController
@Tag(name = "Vault", description = "Store, rotate, reveal and destroy tenant secrets")
public class TurnCredentialController {
    /** No ':' (it separates the expiry from the user in the username) and nothing a TURN server would mangle. */
    private static final Pattern USER = Pattern.compile("[A-Za-z0-9._@+-]{1,128}");

    private final CommandGateway commands;
    private final CachedSecretValues secrets;

    public TurnCredentialController(CommandGateway commands, CachedSecretValues secrets) {
        this.commands = commands;
        this.secrets = secrets;
    }

    /** {@code ttlSeconds}: 1 to 1800, default 1800 (30 minutes). */
    public record TurnCredentialRequest(String userId, Long ttlSeconds) {
    }

    public record TurnCredentialResponse(String username, String credential, Instant expiresAt, long ttlSeconds) {
        @Override
        public String toString() {
            return "TurnCredentialResponse[username=" + username + ", credential=<redacted>]";
        }
    }

    @PostMapping("/api/vault/turn-credentials")
    @Operation(summary = "Issue a TURN credential valid for ttlSeconds (1-1800, default 1800) (operator): "
            + "username <unixExpiry>:<user>, "
            + "credential base64(HMAC-SHA1(TURN_CREDENTIAL, username)). Recorded (without the credential).")
    public ResponseEntity<TurnCredentialResponse> issue(@Parameter(hidden = true) Caller caller,
                                                        @RequestBody(required = false) TurnCredentialRequest request) {
        String tenant = VaultController.tenantOf(caller, Role.OPERATOR);
        String user = request == null || request.userId() == null ? defaultUser(tenant) : request.userId();
        if (!USER.matcher(user).matches()) {
            throw InvalidInput.of("userId", "1 to 128 of letters, digits and . _ @ + - (no ':')");
        }
        long validity = request == null || request.ttlSeconds() == null
                ? IssueTurnCredentialCommand.MAX_VALIDITY_SECONDS : request.ttlSeconds();
        if (validity < 1 || validity > IssueTurnCredentialCommand.MAX_VALIDITY_SECONDS) {
            throw InvalidInput.of("ttlSeconds", "1 to " + IssueTurnCredentialCommand.MAX_VALIDITY_SECONDS);
        }
        secrets.ensureStored(tenant, ManagedSecretKind.TURN_CREDENTIAL.name());
        TurnCredential issued = commands.sendAndWait(IssueTurnCredentialCommand.of(tenant, user, validity));
        long ttl = Math.max(0, issued.expiresAt().getEpochSecond() - Instant.now().getEpochSecond());
        return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                .body(new TurnCredentialResponse(issued.username(), issued.credential(), issued.expiresAt(), ttl));
    }

    private String defaultUser(String tenant) {
        return new String(secrets.currentOrGenerate(tenant, ManagedSecretKind.TURN_USERNAME.name()).value(),
                StandardCharsets.UTF_8);
    }
}
