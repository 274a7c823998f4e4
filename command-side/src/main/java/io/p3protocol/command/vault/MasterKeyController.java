package io.p3protocol.command.vault;

import io.p3protocol.command.vault.keys.MasterKeyRotation;
import io.p3protocol.kernel.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Master-key operations, platform admin only; the procedure is in docs/security.md. */
@RestController
@RequestMapping("/api/vault/master-key")
@Tag(name = "Vault master key", description = "Rotate the master key online (platform admin)")
public class MasterKeyController {
    private final MasterKeyRotation rotation;

    public MasterKeyController(MasterKeyRotation rotation) {
        this.rotation = rotation;
    }

    /** {@code newMasterKey}: required when P3_MASTER_KEY is set, refused when the passphrase lives in the data dir. */
    public record RotateMasterKeyRequest(String newMasterKey) {
        @Override
        public String toString() {
            return "RotateMasterKeyRequest[newMasterKey=<redacted>]";
        }
    }

    @GetMapping
    @Operation(summary = "Master key generations, what this node holds, and how many data keys each wraps")
    public MasterKeyRotation.Status status(@Parameter(hidden = true) Caller caller) {
        caller.requirePlatformAdmin();
        return rotation.status();
    }

    @PostMapping("/rotate")
    @Operation(summary = "Add a master key generation and wrap every tenant data key under it; nothing is "
            + "re-encrypted and the old generation keeps working until retired")
    public MasterKeyRotation.Rotated rotate(@Parameter(hidden = true) Caller caller,
                                            @RequestBody(required = false) RotateMasterKeyRequest request) {
        caller.requirePlatformAdmin();
        return rotation.rotate(request == null || request.newMasterKey() == null ? null
                : request.newMasterKey().toCharArray());
    }

    @PostMapping("/retire-previous")
    @Operation(summary = "Delete the older generations' wraps once every node runs with the new master key")
    public MasterKeyRotation.Retired retirePrevious(@Parameter(hidden = true) Caller caller) {
        caller.requirePlatformAdmin();
        return rotation.retirePrevious();
    }
}
