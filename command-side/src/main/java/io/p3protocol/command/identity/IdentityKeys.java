package io.p3protocol.command.identity;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.p3protocol.kernel.crypto.MlKem1024PublicKey;
import io.p3protocol.kernel.errors.DomainRuleViolation;
import io.p3protocol.kernel.errors.UnknownAggregate;
import io.p3protocol.kernel.identity.IdentityKeysRegisteredEvent;
import io.p3protocol.kernel.identity.IdentityKeysRevokedEvent;
import io.p3protocol.kernel.identity.IdentityKeysRotatedEvent;
import io.p3protocol.kernel.identity.IdentityKeysStatus;
import io.p3protocol.kernel.identity.RegisterIdentityKeysCommand;
import io.p3protocol.kernel.identity.RevokeIdentityKeysCommand;
import io.p3protocol.kernel.identity.RotateIdentityKeysCommand;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.Objects;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The public identity keys of one wallet in one tenant (id {@code <tenantId>/<wallet>}, see IdentityKeysId):
 * an X25519 key and optionally an ML-KEM-1024 key. Registered, rotated, revoked; after a revocation the wallet may
 * register new keys. The keys arrive already validated (X25519PublicKey, MlKem1024PublicKey), so this aggregate
 * only decides what is allowed when.
 */
@Aggregate
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class IdentityKeys {

    @AggregateIdentifier
    private String identityId;
    private String tenantId;
    private String wallet;
    private IdentityKeysStatus status;
    private String x25519PublicKey;
    private String mlKem1024PublicKey;

    protected IdentityKeys() {
        // for Axon and Jackson; also the blank state CREATE_IF_MISSING starts from
    }

    /** Creates the aggregate on first registration; registers again only after a revocation. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(RegisterIdentityKeysCommand command) {
        if (status != null) {
            requireVisibleTo(command.tenantId());
        }
        if (status == IdentityKeysStatus.ACTIVE) {
            throw new DomainRuleViolation("identity_keys_already_registered",
                    "wallet " + wallet + " already has active keys; rotate them instead");
        }
        apply(new IdentityKeysRegisteredEvent(command.identityId(), command.tenantId(), command.wallet().value(),
                command.x25519PublicKey().base64(), base64(command.mlKem1024PublicKey()),
                command.mlKem1024PublicKey() != null));
    }

    @CommandHandler
    public void handle(RotateIdentityKeysCommand command) {
        requireVisibleTo(command.tenantId());
        requireActive();
        String newX25519 = command.x25519PublicKey().base64();
        String newMlKem = base64(command.mlKem1024PublicKey());
        if (newX25519.equals(x25519PublicKey) && Objects.equals(newMlKem, mlKem1024PublicKey)) {
            throw new DomainRuleViolation("identity_keys_unchanged",
                    "a rotation must change at least one key of wallet " + wallet);
        }
        apply(new IdentityKeysRotatedEvent(identityId, tenantId, wallet, newX25519, newMlKem, newMlKem != null));
    }

    @CommandHandler
    public void handle(RevokeIdentityKeysCommand command) {
        requireVisibleTo(command.tenantId());
        if (status == IdentityKeysStatus.REVOKED) {
            throw new DomainRuleViolation("identity_keys_already_revoked", "the keys of wallet " + wallet
                    + " are already revoked");
        }
        apply(new IdentityKeysRevokedEvent(identityId, tenantId, wallet, command.reason()));
    }

    private void requireActive() {
        if (status != IdentityKeysStatus.ACTIVE) {
            throw new DomainRuleViolation("identity_keys_revoked", "the keys of wallet " + wallet
                    + " are revoked; register new keys");
        }
    }

    /** Defence in depth: the id already contains the caller's tenant, so a mismatch means a forged command. */
    private void requireVisibleTo(String callerTenantId) {
        if (!tenantId.equals(callerTenantId)) {
            throw new UnknownAggregate("identity_keys_not_found", "no identity keys for this wallet");
        }
    }

    private static String base64(MlKem1024PublicKey key) {
        return key == null ? null : key.base64();
    }

    @EventSourcingHandler
    void on(IdentityKeysRegisteredEvent event) {
        identityId = event.identityId();
        tenantId = event.tenantId();
        wallet = event.wallet();
        status = IdentityKeysStatus.ACTIVE;
        x25519PublicKey = event.x25519PublicKey();
        mlKem1024PublicKey = event.mlKem1024PublicKey();
    }

    @EventSourcingHandler
    void on(IdentityKeysRotatedEvent event) {
        x25519PublicKey = event.x25519PublicKey();
        mlKem1024PublicKey = event.mlKem1024PublicKey();
    }

    @EventSourcingHandler
    void on(IdentityKeysRevokedEvent event) {
        status = IdentityKeysStatus.REVOKED;
    }
}
