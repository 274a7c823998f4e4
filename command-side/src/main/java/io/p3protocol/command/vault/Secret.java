package io.p3protocol.command.vault;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.p3protocol.kernel.crypto.TurnRestCredential;
import io.p3protocol.kernel.errors.DomainRuleViolation;
import io.p3protocol.kernel.errors.NoLongerAvailable;
import io.p3protocol.kernel.errors.UnknownAggregate;
import io.p3protocol.kernel.vault.DestroySecretCommand;
import io.p3protocol.kernel.vault.IssueTurnCredentialCommand;
import io.p3protocol.kernel.vault.ManagedSecretKind;
import io.p3protocol.kernel.vault.RevealSecretCommand;
import io.p3protocol.kernel.vault.RotateSecretCommand;
import io.p3protocol.kernel.vault.SecretDestroyedEvent;
import io.p3protocol.kernel.vault.SecretExpiredEvent;
import io.p3protocol.kernel.vault.SecretExpiringSoonEvent;
import io.p3protocol.kernel.vault.SecretNames;
import io.p3protocol.kernel.vault.SecretRevealedEvent;
import io.p3protocol.kernel.vault.SecretRotatedEvent;
import io.p3protocol.kernel.vault.SecretStoredEvent;
import io.p3protocol.kernel.vault.SecretVersion;
import io.p3protocol.kernel.vault.StoreSecretCommand;
import io.p3protocol.kernel.vault.TurnCredential;
import io.p3protocol.kernel.vault.TurnCredentialIssuedEvent;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateScopeDescriptor;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One secret of one tenant, id {@code <tenantId>/<name>}. Its events carry only ciphertext and metadata; the keys
 * that open the ciphertext are in the {@link SecretKeyring}'s key store, never in an event.
 * <ul>
 *   <li>Versions count up from 1 and never repeat, across destroy and store again.</li>
 *   <li>Rotation retires every earlier version at once: its key is erased, and revealing it is 410.</li>
 *   <li>A version expires 90 days after it was stored or rotated; deadlines record a warning 7 days before and the
 *       expiry itself. An expired secret cannot be revealed (409) until it is rotated.</li>
 *   <li>Destroy erases all the secret's keys (crypto-shredding); the events stay.</li>
 * </ul>
 * Every access (store, rotate, reveal, destroy, TURN issue) is an event, with the actor in its metadata.
 * Reveals and TURN issues make the stream grow with use, so it is snapshotted ({@code secretSnapshotTrigger}).
 */
@Aggregate(snapshotTriggerDefinition = "secretSnapshotTrigger")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class Secret {
    public static final String EXPIRING_SOON_DEADLINE = "secret-expiring-soon";
    public static final String EXPIRY_DEADLINE = "secret-expiry";
    public static final Duration ROTATION_PERIOD = Duration.ofDays(90);
    public static final Duration EXPIRY_WARNING = Duration.ofDays(7);
    public static final Duration TURN_CREDENTIAL_VALIDITY =
            Duration.ofSeconds(IssueTurnCredentialCommand.MAX_VALIDITY_SECONDS);

    @AggregateIdentifier
    private String secretId;
    private String tenantId;
    private String name;
    private boolean destroyed;
    private int version;
    private byte[] sealedValue;
    private Instant expiresAt;
    private int rotationCount;
    private boolean expiringSoonRecorded;
    private boolean expiryRecorded;

    protected Secret() {
        // for Axon and Jackson
    }

    /** Creates the secret, or starts it again after a destroy. A live secret is rotated, not stored again. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public SecretVersion handle(StoreSecretCommand command, SecretKeyring keyring, DeadlineManager deadlines,
                                Clock clock) {
        requireConsistent(command.secretId(), command.tenantId(), command.name());
        if (secretId != null && !destroyed) {
            throw new DomainRuleViolation("secret_exists",
                    "secret " + command.name() + " already exists; rotate it to change its value");
        }
        int next = version + 1;
        String value = valueOrGenerated(command.name(), command.value());
        Instant expiry = clock.instant().truncatedTo(ChronoUnit.MILLIS).plus(ROTATION_PERIOD);
        byte[] sealed = keyring.sealNewVersion(command.tenantId(), command.name(), next, utf8(value));
        apply(new SecretStoredEvent(command.tenantId(), command.name(), next, sealed, command.value() == null, expiry));
        scheduleExpiry(deadlines, next, expiry);
        return new SecretVersion(command.name(), next, expiry, null);
    }

    @CommandHandler
    public SecretVersion handle(RotateSecretCommand command, SecretKeyring keyring, DeadlineManager deadlines,
                                Clock clock) {
        requireLive();
        int next = version + 1;
        String value = valueOrGenerated(name, command.value());
        Instant expiry = clock.instant().truncatedTo(ChronoUnit.MILLIS).plus(ROTATION_PERIOD);
        byte[] sealed = keyring.sealNewVersion(tenantId, name, next, utf8(value));
        keyring.eraseVersion(tenantId, name, version); // the previous version is invalid from this commit on
        apply(new SecretRotatedEvent(tenantId, name, next, sealed, command.value() == null, rotationCount + 1, expiry));
        deadlines.cancelAllWithinScope(EXPIRING_SOON_DEADLINE, scope());
        deadlines.cancelAllWithinScope(EXPIRY_DEADLINE, scope());
        scheduleExpiry(deadlines, next, expiry);
        if (command.reveal()) {
            apply(new SecretRevealedEvent(tenantId, name, next));
            return new SecretVersion(name, next, expiry, value);
        }
        return new SecretVersion(name, next, expiry, null);
    }

    @CommandHandler
    public SecretVersion handle(RevealSecretCommand command, SecretKeyring keyring, Clock clock) {
        requireLive();
        int wanted = command.version() == null ? version : command.version();
        if (wanted < 1 || wanted > version) {
            throw new UnknownAggregate("secret_version_not_found", "secret " + name + " has no version " + wanted);
        }
        if (wanted < version) {
            throw new NoLongerAvailable("secret_version_retired", "version " + wanted + " of secret " + name
                    + " was retired by a rotation; the current version is " + version);
        }
        requireNotExpired(clock.instant());
        String value = new String(keyring.open(tenantId, name, version, sealedValue), StandardCharsets.UTF_8);
        apply(new SecretRevealedEvent(tenantId, name, version));
        return new SecretVersion(name, version, expiresAt, value);
    }

    /** Answers the last version, now undecryptable. */
    @CommandHandler
    public int handle(DestroySecretCommand command, SecretKeyring keyring, DeadlineManager deadlines) {
        requireLive();
        keyring.eraseAll(tenantId, name);
        apply(new SecretDestroyedEvent(tenantId, name, version));
        deadlines.cancelAllWithinScope(EXPIRING_SOON_DEADLINE, scope());
        deadlines.cancelAllWithinScope(EXPIRY_DEADLINE, scope());
        return version;
    }

    /** coturn's REST scheme: username {@code <unix expiry>:<user>}, credential HMAC-SHA1 keyed by this secret. */
    @CommandHandler
    public TurnCredential handle(IssueTurnCredentialCommand command, SecretKeyring keyring, Clock clock) {
        requireLive();
        if (!ManagedSecretKind.TURN_CREDENTIAL.name().equals(name)) {
            throw new IllegalArgumentException("TURN credentials are keyed by TURN_CREDENTIAL, not " + name);
        }
        if (command.validitySeconds() < 1 || command.validitySeconds() > TURN_CREDENTIAL_VALIDITY.toSeconds()) {
            throw new IllegalArgumentException("a TURN credential is valid for 1 to "
                    + TURN_CREDENTIAL_VALIDITY.toSeconds() + " seconds, not " + command.validitySeconds());
        }
        Instant now = clock.instant();
        requireNotExpired(now);
        // Truncated down, so never beyond the asked validity (and never beyond 30 minutes).
        Instant validUntil = now.plusSeconds(command.validitySeconds()).truncatedTo(ChronoUnit.SECONDS);
        String username = TurnRestCredential.username(validUntil.getEpochSecond(), command.user());
        String credential = TurnRestCredential.credential(keyring.open(tenantId, name, version, sealedValue), username);
        apply(new TurnCredentialIssuedEvent(tenantId, username, validUntil, version));
        return new TurnCredential(username, credential, validUntil);
    }

    /** The payload comes first: Axon takes a deadline handler's first parameter as the payload type. */
    @DeadlineHandler(deadlineName = EXPIRING_SOON_DEADLINE)
    void onExpiringSoon(SecretDeadline deadline) {
        if (!destroyed && deadline.version() == version && !expiringSoonRecorded && !expiryRecorded) {
            apply(new SecretExpiringSoonEvent(tenantId, name, version, expiresAt));
        }
    }

    /**
     * The deadline is the authority on expiry: db-scheduler never runs it before its instant, and a deadline of an
     * earlier version (rotated since) is ignored.
     */
    @DeadlineHandler(deadlineName = EXPIRY_DEADLINE)
    void onExpiry(SecretDeadline deadline) {
        if (!destroyed && deadline.version() == version && !expiryRecorded) {
            apply(new SecretExpiredEvent(tenantId, name, version, expiresAt));
        }
    }

    private void scheduleExpiry(DeadlineManager deadlines, int forVersion, Instant expiry) {
        deadlines.schedule(expiry.minus(EXPIRY_WARNING), EXPIRING_SOON_DEADLINE, new SecretDeadline(forVersion), scope());
        deadlines.schedule(expiry, EXPIRY_DEADLINE, new SecretDeadline(forVersion), scope());
    }

    private AggregateScopeDescriptor scope() {
        return new AggregateScopeDescriptor(Secret.class.getSimpleName(), secretId);
    }

    private void requireLive() {
        if (destroyed) {
            throw new NoLongerAvailable("secret_destroyed", "secret " + name + " was destroyed");
        }
    }

    private void requireNotExpired(Instant now) {
        if (expiryRecorded || !now.isBefore(expiresAt)) {
            throw new DomainRuleViolation("secret_expired", "secret " + name + " expired at " + expiresAt
                    + "; rotate it to use it again");
        }
    }

    /** The id is derived from tenant and name; a command whose parts disagree is refused, never half-applied. */
    private static void requireConsistent(String secretId, String tenantId, String name) {
        if (!SecretNames.isValid(name) || tenantId == null
                || !SecretNames.secretId(tenantId, name).equals(secretId)) {
            throw new IllegalArgumentException("secret id, tenant and name do not match");
        }
    }

    private static String valueOrGenerated(String name, String given) {
        return given != null ? given : ManagedSecretKind.generateFor(name);
    }

    private static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    @EventSourcingHandler
    void on(SecretStoredEvent event) {
        secretId = SecretNames.secretId(event.tenantId(), event.name());
        tenantId = event.tenantId();
        name = event.name();
        destroyed = false;
        rotationCount = 0;
        newVersion(event.version(), event.sealedValue(), event.expiresAt());
    }

    @EventSourcingHandler
    void on(SecretRotatedEvent event) {
        rotationCount = event.rotationCount();
        newVersion(event.version(), event.sealedValue(), event.expiresAt());
    }

    @EventSourcingHandler
    void on(SecretExpiringSoonEvent event) {
        expiringSoonRecorded = true;
    }

    @EventSourcingHandler
    void on(SecretExpiredEvent event) {
        expiryRecorded = true;
    }

    @EventSourcingHandler
    void on(SecretDestroyedEvent event) {
        destroyed = true;
        sealedValue = null;
    }

    private void newVersion(int newVersion, byte[] sealed, Instant expiry) {
        version = newVersion;
        sealedValue = sealed;
        expiresAt = expiry;
        expiringSoonRecorded = false;
        expiryRecorded = false;
    }
}
