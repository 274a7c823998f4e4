package io.p3protocol.command.rules.webhook;

import io.p3protocol.kernel.errors.DomainRuleViolation;
import io.p3protocol.kernel.errors.UnknownAggregate;
import io.p3protocol.kernel.messaging.MetadataKeys;
import io.p3protocol.kernel.vault.SecretValues;
import io.p3protocol.kernel.vault.SecretValues.CurrentSecret;
import io.p3protocol.kernel.vault.StoreSecretCommand;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The tenant's webhook keys, custom vault secrets read through {@link SecretValues}:
 * {@value #SIGNING_KEY} (HMAC key: the UTF-8 bytes of the value) and {@value #ENCRYPTION_KEY} (AES-256 key: the
 * value is 32 bytes, base64url). Both are generated on first use (the vault's custom-secret format: 32 random bytes,
 * base64url), as actor {@code system}, and receivers fetch them with the vault's reveal route.
 * <p>
 * SecretValues only generates the vault's managed kinds, so a missing key is stored here with StoreSecretCommand.
 * That happens on a thread of its own, in its own transaction: the rule-actions handler's transaction rolls back
 * when an action fails, and a key that was used to sign a delivery must not vanish with it.
 */
@Component
public class WebhookKeys {
    public static final String SIGNING_KEY = "WEBHOOK_SIGNING_KEY";
    public static final String ENCRYPTION_KEY = "WEBHOOK_ENCRYPTION_KEY";

    private final SecretValues secrets;
    private final CommandGateway commands;
    private final ExecutorService keyCreator = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "webhook-key-creator");
        thread.setDaemon(true);
        return thread;
    });

    public WebhookKeys(SecretValues secrets, CommandGateway commands) {
        this.secrets = secrets;
        this.commands = commands;
    }

    public CurrentSecret signingKey(String tenantId) {
        return currentOrCreate(tenantId, SIGNING_KEY);
    }

    public CurrentSecret encryptionKey(String tenantId) {
        return currentOrCreate(tenantId, ENCRYPTION_KEY);
    }

    private CurrentSecret currentOrCreate(String tenantId, String name) {
        try {
            return secrets.currentOrGenerate(tenantId, name);
        } catch (UnknownAggregate absent) {
            createInItsOwnTransaction(tenantId, name);
            return secrets.currentOrGenerate(tenantId, name);
        }
    }

    private void createInItsOwnTransaction(String tenantId, String name) {
        try {
            CompletableFuture.runAsync(() -> create(tenantId, name), keyCreator).get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("could not create the vault secret " + name, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating the vault secret " + name, e);
        }
    }

    private void create(String tenantId, String name) {
        try {
            commands.sendAndWait(GenericCommandMessage.asCommandMessage(StoreSecretCommand.of(tenantId, name, null))
                    .andMetaData(Map.of(MetadataKeys.ACTOR, "system")));
        } catch (DomainRuleViolation | ConcurrencyException | AggregateStreamCreationException storedMeanwhile) {
            // another delivery (or an admin) stored it between the read and the command: use theirs
        } catch (CommandExecutionException e) {
            if (!(e.getCause() instanceof DomainRuleViolation)) {
                throw e;
            }
        }
    }
}
