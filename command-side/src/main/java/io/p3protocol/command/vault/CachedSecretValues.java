package io.p3protocol.command.vault;

import io.p3protocol.kernel.errors.DomainRuleViolation;
import io.p3protocol.kernel.errors.InvalidInput;
import io.p3protocol.kernel.errors.NoLongerAvailable;
import io.p3protocol.kernel.errors.UnknownAggregate;
import io.p3protocol.kernel.messaging.MetadataKeys;
import io.p3protocol.kernel.vault.ManagedSecretKind;
import io.p3protocol.kernel.vault.SecretNames;
import io.p3protocol.kernel.vault.SecretValues;
import io.p3protocol.kernel.vault.StoreSecretCommand;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link SecretValues} for in-process consumers (telemetry's IP_SALT, TURN). Each call reads the secret's current
 * version from {@code vault_secret_current} (one primary-key lookup; that table is written in the same transaction
 * as the store/rotate/destroy event, so a rotation that returned on any node is seen here at once) and decrypts
 * only when the version differs from the cached one. Nothing is cached across a rotation or a destroy, on any node.
 * <p>
 * The value never leaves the process and no reveal event is recorded; an absent managed secret is stored first
 * with a generated value, as actor {@code system}. Expired secrets keep serving here (an outage of telemetry is not
 * the right answer to a missed rotation); the gauge and the report flag them, and reveal refuses them.
 */
@Component
public class CachedSecretValues implements SecretValues {
    private static final int ATTEMPTS = 3;

    private final JdbcTemplate jdbc;
    private final CommandGateway commands;
    private final SecretKeyring keyring;
    private final Map<String, CurrentSecret> cache = new ConcurrentHashMap<>();

    public CachedSecretValues(JdbcTemplate jdbc, CommandGateway commands, SecretKeyring keyring) {
        this.jdbc = jdbc;
        this.commands = commands;
        this.keyring = keyring;
    }

    private record Current(int version, byte[] sealedValue) {
    }

    @Override
    public CurrentSecret currentOrGenerate(String tenantId, String name) {
        if (!SecretNames.isValid(name)) {
            throw InvalidInput.of("name", "not a valid secret name");
        }
        String id = SecretNames.secretId(tenantId, name);
        for (int attempt = 1; ; attempt++) {
            Current current = ensureStored(tenantId, name);
            CurrentSecret cached = cache.get(id);
            if (cached != null && cached.version() == current.version()) {
                return copy(cached);
            }
            try {
                byte[] value = keyring.open(tenantId, name, current.version(), current.sealedValue());
                CurrentSecret fresh = new CurrentSecret(name, current.version(), value);
                cache.put(id, fresh);
                return copy(fresh);
            } catch (NoLongerAvailable rotatedMeanwhile) {
                if (attempt == ATTEMPTS) {
                    throw rotatedMeanwhile;
                }
                // the version read above was retired or destroyed before its key was read: read again
            }
        }
    }

    /** The current version, storing a generated value first for a managed kind that has none. */
    Current ensureStored(String tenantId, String name) {
        Current current = read(tenantId, name);
        if (current != null) {
            return current;
        }
        if (ManagedSecretKind.of(name).isEmpty()) {
            cache.remove(SecretNames.secretId(tenantId, name));
            throw new UnknownAggregate("secret_not_found", "no secret " + name);
        }
        try {
            commands.sendAndWait(GenericCommandMessage.asCommandMessage(StoreSecretCommand.of(tenantId, name, null))
                    .andMetaData(Map.of(MetadataKeys.ACTOR, "system")));
        } catch (DomainRuleViolation | ConcurrencyException | AggregateStreamCreationException storedByAnotherRequest) {
            // someone stored it between the read and the command: use theirs
        }
        current = read(tenantId, name);
        if (current == null) {
            throw new IllegalStateException("secret " + name + " was stored but has no current version");
        }
        return current;
    }

    private Current read(String tenantId, String name) {
        List<Current> rows = jdbc.query(
                "SELECT version, sealed_value FROM vault_secret_current WHERE tenant_id = ? AND name = ?",
                (rs, i) -> new Current(rs.getInt(1), rs.getBytes(2)), tenantId, name);
        return rows.isEmpty() ? null : rows.get(0);
    }

    private static CurrentSecret copy(CurrentSecret secret) {
        return new CurrentSecret(secret.name(), secret.version(), secret.value().clone());
    }
}
