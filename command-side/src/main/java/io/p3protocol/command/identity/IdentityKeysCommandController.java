package io.p3protocol.command.identity;

import io.p3protocol.kernel.crypto.HybridKem;
import io.p3protocol.kernel.crypto.InvalidKeyMaterial;
import io.p3protocol.kernel.crypto.KemEncapsulation;
import io.p3protocol.kernel.crypto.KemMode;
import io.p3protocol.kernel.crypto.KeyConfirmation;
import io.p3protocol.kernel.crypto.MlKem1024PublicKey;
import io.p3protocol.kernel.crypto.StrictBase64;
import io.p3protocol.kernel.crypto.X25519Kem;
import io.p3protocol.kernel.crypto.X25519PublicKey;
import io.p3protocol.kernel.errors.AccessDenied;
import io.p3protocol.kernel.errors.DomainRuleViolation;
import io.p3protocol.kernel.errors.InvalidInput;
import io.p3protocol.kernel.errors.UnknownAggregate;
import io.p3protocol.kernel.identity.FindIdentityKeys;
import io.p3protocol.kernel.identity.IdentityKeysId;
import io.p3protocol.kernel.identity.IdentityKeysStatus;
import io.p3protocol.kernel.identity.IdentityKeysSummary;
import io.p3protocol.kernel.identity.RegisterIdentityKeysCommand;
import io.p3protocol.kernel.identity.RevokeIdentityKeysCommand;
import io.p3protocol.kernel.identity.RotateIdentityKeysCommand;
import io.p3protocol.kernel.identity.WalletAddress;
import io.p3protocol.kernel.security.Caller;
import io.p3protocol.kernel.security.Role;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * Wallet identity keys: register, rotate, revoke, and a server-side encapsulation that proves the KEM path
 * (docs/identity-keys.md). Keys are standard base64, validated before any command is sent, so a bad key is a 400
 * and nothing is stored. The tenant is always the caller key's tenant.
 */
@RestController
@Tag(name = "Identity keys", description = "Wallet X25519 / ML-KEM-1024 public keys and the hybrid KEM")
public class IdentityKeysCommandController {
    private final CommandGateway commands;
    private final QueryGateway queries;
    private final SecureRandom random = new SecureRandom();

    public IdentityKeysCommandController(CommandGateway commands, QueryGateway queries) {
        this.commands = commands;
        this.queries = queries;
    }

    /** Both keys in standard base64 (RFC 4648 section 4, padded); the ML-KEM key is optional. */
    public record IdentityKeysRequest(String x25519PublicKey, String mlKem1024PublicKey) {
    }

    public record IdentityKeysResponse(String wallet, String x25519PublicKey, String mlKem1024PublicKey,
                                       boolean kyberEnabled, IdentityKeysStatus status) {
    }

    public record RevokeIdentityKeysRequest(@Size(max = 500) String reason) {
    }

    /** {@code fromWallet}: the sender, whose registered keys decide, with the recipient's, whether hybrid is used. */
    public record EncapsulateRequest(String fromWallet) {
    }

    /**
     * The ciphertexts and a key-confirmation tag; never the shared secret itself. A client holding the recipient's
     * secret keys decapsulates, computes HMAC-SHA-256(secret, keyConfirmationMessage) and compares.
     */
    public record EncapsulationResponse(KemMode mode, String reason, String recipientWallet, String senderWallet,
                                        String label, String x25519Ciphertext, String mlKem1024Ciphertext,
                                        String keyConfirmation, String keyConfirmationMessage) {
    }

    @PostMapping("/api/identity/{wallet}")
    @Operation(summary = "Register a wallet's X25519 key and optional ML-KEM-1024 key (standard base64). "
            + "409 if it already has active keys (rotate instead).")
    public ResponseEntity<IdentityKeysResponse> register(@Parameter(hidden = true) Caller caller,
                                                         @PathVariable String wallet,
                                                         @RequestBody IdentityKeysRequest request) {
        String tenantId = tenantOf(caller, Role.OPERATOR);
        WalletAddress address = wallet(wallet, "wallet");
        Keys keys = Keys.parse(request);
        commands.sendAndWait(new RegisterIdentityKeysCommand(IdentityKeysId.of(tenantId, address), tenantId, address,
                keys.x25519(), keys.mlKem()));
        return ResponseEntity.created(URI.create("/api/identity/" + address.value()))
                .body(keys.response(address, IdentityKeysStatus.ACTIVE));
    }

    @PostMapping("/api/identity/{wallet}/rotate")
    @Operation(summary = "Replace a wallet's active keys. Leaving out the ML-KEM key turns kyberEnabled off.")
    public IdentityKeysResponse rotate(@Parameter(hidden = true) Caller caller, @PathVariable String wallet,
                                       @RequestBody IdentityKeysRequest request) {
        String tenantId = tenantOf(caller, Role.OPERATOR);
        WalletAddress address = wallet(wallet, "wallet");
        Keys keys = Keys.parse(request);
        send(address, new RotateIdentityKeysCommand(IdentityKeysId.of(tenantId, address), tenantId, address,
                keys.x25519(), keys.mlKem()));
        return keys.response(address, IdentityKeysStatus.ACTIVE);
    }

    @PostMapping("/api/identity/{wallet}/revoke")
    @Operation(summary = "Revoke a wallet's keys: nothing is encapsulated to them any more. Twice is a 409.")
    public IdentityKeysResponse revoke(@Parameter(hidden = true) Caller caller, @PathVariable String wallet,
                                       @Valid @RequestBody(required = false) RevokeIdentityKeysRequest request) {
        String tenantId = tenantOf(caller, Role.OPERATOR);
        WalletAddress address = wallet(wallet, "wallet");
        send(address, new RevokeIdentityKeysCommand(IdentityKeysId.of(tenantId, address), tenantId, address,
                request == null ? null : request.reason()));
        IdentityKeysSummary revoked = find(tenantId, address, "wallet");
        return new IdentityKeysResponse(address.value(), revoked.x25519PublicKey(), revoked.mlKem1024PublicKey(),
                revoked.kyberEnabled(), revoked.status());
    }

    @PostMapping("/api/identity/{wallet}/encapsulate")
    @Operation(summary = "Encapsulate to the wallet's registered keys: hybrid X25519+ML-KEM-1024 when it and "
            + "fromWallet are both kyber-enabled, else X25519 alone, with the reason. Returns the ciphertexts and a "
            + "key-confirmation tag, never the secret.")
    public ResponseEntity<EncapsulationResponse> encapsulate(@Parameter(hidden = true) Caller caller,
                                                             @PathVariable String wallet,
                                                             @RequestBody(required = false) EncapsulateRequest request) {
        String tenantId = tenantOf(caller, Role.VIEWER);
        WalletAddress recipientWallet = wallet(wallet, "wallet");
        WalletAddress senderWallet = request == null || request.fromWallet() == null ? null
                : wallet(request.fromWallet(), "fromWallet");
        IdentityKeysSummary recipient = requireActive(find(tenantId, recipientWallet, "wallet"), "wallet");
        IdentityKeysSummary sender = senderWallet == null ? null
                : requireActive(find(tenantId, senderWallet, "fromWallet"), "fromWallet");

        EncapsulationPlan plan = EncapsulationPlan.decide(recipient, sender);
        X25519PublicKey recipientX25519 = X25519PublicKey.fromBase64(recipient.x25519PublicKey());
        KemEncapsulation sent = plan.mode() == KemMode.HYBRID
                ? HybridKem.encapsulate(recipientX25519, MlKem1024PublicKey.fromBase64(recipient.mlKem1024PublicKey()),
                random)
                : X25519Kem.encapsulate(recipientX25519, random);
        EncapsulationResponse body = new EncapsulationResponse(plan.mode(), plan.reason(), recipientWallet.value(),
                senderWallet == null ? null : senderWallet.value(),
                plan.mode() == KemMode.HYBRID ? HybridKem.LABEL : X25519Kem.LABEL,
                StrictBase64.encode(sent.x25519Ciphertext()),
                sent.mlKemCiphertext() == null ? null : StrictBase64.encode(sent.mlKemCiphertext()),
                StrictBase64.encode(KeyConfirmation.tag(sent.sharedSecret())), KeyConfirmation.MESSAGE);
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(body);
    }

    /** The keys of a request, validated field by field; every problem is reported at once. */
    private record Keys(X25519PublicKey x25519, MlKem1024PublicKey mlKem) {
        static Keys parse(IdentityKeysRequest request) {
            List<InvalidInput.FieldError> errors = new ArrayList<>();
            X25519PublicKey x25519 = null;
            MlKem1024PublicKey mlKem = null;
            if (request.x25519PublicKey() == null) {
                errors.add(new InvalidInput.FieldError("x25519PublicKey", "is required"));
            } else {
                try {
                    x25519 = X25519PublicKey.fromBase64(request.x25519PublicKey());
                } catch (InvalidKeyMaterial e) {
                    errors.add(new InvalidInput.FieldError("x25519PublicKey", e.getMessage()));
                }
            }
            if (request.mlKem1024PublicKey() != null) {
                try {
                    mlKem = MlKem1024PublicKey.fromBase64(request.mlKem1024PublicKey());
                } catch (InvalidKeyMaterial e) {
                    errors.add(new InvalidInput.FieldError("mlKem1024PublicKey", e.getMessage()));
                }
            }
            if (!errors.isEmpty()) {
                throw new InvalidInput(errors);
            }
            return new Keys(x25519, mlKem);
        }

        IdentityKeysResponse response(WalletAddress wallet, IdentityKeysStatus status) {
            return new IdentityKeysResponse(wallet.value(), x25519.base64(), mlKem == null ? null : mlKem.base64(),
                    mlKem != null, status);
        }
    }

    /** Identity keys belong to a tenant's wallets, and the tenant comes from the key: the platform admin has none. */
    private static String tenantOf(Caller caller, Role required) {
        if (caller.platformAdmin()) {
            throw new AccessDenied("tenant_key_required",
                    "Identity keys belong to a tenant's wallets: call with one of the tenant's API keys.");
        }
        caller.requireRole(required);
        return caller.tenantId();
    }

    private static WalletAddress wallet(String input, String field) {
        try {
            return WalletAddress.parse(input);
        } catch (IllegalArgumentException e) {
            throw InvalidInput.of(field, e.getMessage());
        }
    }

    private void send(WalletAddress wallet, Object command) {
        try {
            commands.sendAndWait(command);
        } catch (AggregateNotFoundException e) {
            throw notFound(wallet, "wallet");
        }
    }

    private IdentityKeysSummary find(String tenantId, WalletAddress wallet, String field) {
        return queries.query(new FindIdentityKeys(tenantId, wallet),
                        ResponseTypes.optionalInstanceOf(IdentityKeysSummary.class)).join()
                .orElseThrow(() -> notFound(wallet, field));
    }

    private static IdentityKeysSummary requireActive(IdentityKeysSummary keys, String field) {
        if (keys.status() != IdentityKeysStatus.ACTIVE) {
            throw new DomainRuleViolation(field.equals("wallet") ? "identity_keys_revoked" : "sender_identity_keys_revoked",
                    "the keys of " + field + " " + keys.wallet() + " are revoked");
        }
        return keys;
    }

    private static UnknownAggregate notFound(WalletAddress wallet, String field) {
        return new UnknownAggregate(field.equals("wallet") ? "identity_keys_not_found" : "sender_identity_keys_not_found",
                "no identity keys for " + field + " " + wallet.value());
    }
}
