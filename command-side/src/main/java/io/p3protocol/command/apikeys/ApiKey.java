package io.p3protocol.command.apikeys;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.p3protocol.kernel.errors.DomainRuleViolation;
import io.p3protocol.kernel.errors.UnknownAggregate;
import io.p3protocol.kernel.apikeys.ApiKeyExpiredEvent;
import io.p3protocol.kernel.apikeys.ApiKeyIssuedEvent;
import io.p3protocol.kernel.apikeys.ApiKeyQuotaExhaustedEvent;
import io.p3protocol.kernel.apikeys.RecordQuotaExhaustedCommand;
import io.p3protocol.kernel.apikeys.ApiKeyRevokedEvent;
import io.p3protocol.kernel.apikeys.ApiKeyStatus;
import io.p3protocol.kernel.apikeys.ExpireApiKeyCommand;
import io.p3protocol.kernel.apikeys.IssueApiKeyCommand;
import io.p3protocol.kernel.apikeys.RevokeApiKeyCommand;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.DeadlineMessage;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateScopeDescriptor;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Clock;
import java.time.Instant;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One API key. Spawned by its {@link io.p3protocol.command.tenancy.Tenant}; holds only the key's hash.
 * A key with an expiry schedules a deadline that marks it expired, so the expiry is an event in the audit trail
 * (authentication also compares the instant itself, so a key is refused even before the deadline fires).
 */
@Aggregate
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class ApiKey {
    public static final String EXPIRY_DEADLINE = "api-key-expiry";

    @AggregateIdentifier
    private String keyId;
    private String tenantId;
    private Instant expiresAt;
    private ApiKeyStatus status;
    /** The last UTC month (YYYY-MM) in which the key used up its quota; null if it never did. */
    private String quotaExhaustedMonth;

    protected ApiKey() {
        // for Axon and Jackson
    }

    /**
     * Called by the tenant that issues the key (see Tenant#handle(IssueApiKeyCommand)), which decided the quota (the
     * command's, or the tenant's default).
     */
    public ApiKey(IssueApiKeyCommand command, long quotaMonthly) {
        apply(new ApiKeyIssuedEvent(command.keyId(), command.tenantId(), command.roles(), command.keyHash(),
                command.expiresAt(), quotaMonthly));
    }

    /**
     * Schedules the expiry deadline of key {@code keyId}. Scoped to the key, so its {@code @DeadlineHandler} runs;
     * persisted by db-scheduler (table scheduled_tasks), so it survives restarts.
     */
    public static void scheduleExpiry(DeadlineManager deadlineManager, String keyId, Instant expiresAt) {
        deadlineManager.schedule(expiresAt, EXPIRY_DEADLINE, null,
                new AggregateScopeDescriptor(ApiKey.class.getSimpleName(), keyId));
    }

    @CommandHandler
    public void handle(RevokeApiKeyCommand command) {
        requireVisibleTo(command.tenantId());
        if (status == ApiKeyStatus.REVOKED) {
            throw new DomainRuleViolation("api_key_already_revoked", "key " + keyId + " is already revoked");
        }
        apply(new ApiKeyRevokedEvent(keyId, tenantId, command.reason()));
    }

    @CommandHandler
    public void handle(ExpireApiKeyCommand command, Clock clock) {
        requireVisibleTo(command.tenantId());
        expireIfDue(clock.instant());
    }

    /**
     * The message parameter comes first on purpose: Axon may take a handler's first parameter as its payload type,
     * and with {@code Clock} first this handler would wait for a Clock payload and never run (the deadline has none).
     */
    @DeadlineHandler(deadlineName = EXPIRY_DEADLINE)
    void onExpiryDeadline(DeadlineMessage<?> deadline, Clock clock) {
        expireIfDue(clock.instant());
    }

    /** Records the exhaustion once per month, whatever the key's status (the requests were served). */
    @CommandHandler
    public void handle(RecordQuotaExhaustedCommand command) {
        requireVisibleTo(command.tenantId());
        if (command.month().equals(quotaExhaustedMonth)) {
            return;
        }
        apply(new ApiKeyQuotaExhaustedEvent(keyId, tenantId, command.month(), command.quotaMonthly()));
    }

    private void expireIfDue(Instant now) {
        if (status != ApiKeyStatus.ACTIVE) {
            return; // a revoked or already expired key stays as it is
        }
        if (expiresAt == null || now.isBefore(expiresAt)) {
            throw new DomainRuleViolation("api_key_not_due", "key " + keyId + " has not reached its expiry");
        }
        apply(new ApiKeyExpiredEvent(keyId, tenantId, expiresAt));
    }

    private void requireVisibleTo(String callerTenantId) {
        if (callerTenantId != null && !callerTenantId.equals(tenantId)) {
            throw new UnknownAggregate("api_key_not_found", "no API key " + keyId);
        }
    }

    @EventSourcingHandler
    void on(ApiKeyIssuedEvent event) {
        keyId = event.keyId();
        tenantId = event.tenantId();
        expiresAt = event.expiresAt();
        status = ApiKeyStatus.ACTIVE;
    }

    @EventSourcingHandler
    void on(ApiKeyQuotaExhaustedEvent event) {
        quotaExhaustedMonth = event.month();
    }

    @EventSourcingHandler
    void on(ApiKeyRevokedEvent event) {
        status = ApiKeyStatus.REVOKED;
    }

    @EventSourcingHandler
    void on(ApiKeyExpiredEvent event) {
        status = ApiKeyStatus.EXPIRED;
    }
}
