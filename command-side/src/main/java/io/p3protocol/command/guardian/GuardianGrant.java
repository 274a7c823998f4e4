package io.p3protocol.command.guardian;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.p3protocol.kernel.errors.AccessDenied;
import io.p3protocol.kernel.errors.DomainRuleViolation;
import io.p3protocol.kernel.guardian.GrantGuardianScopeCommand;
import io.p3protocol.kernel.guardian.GuardianAccess;
import io.p3protocol.kernel.guardian.GuardianAccessRecordedEvent;
import io.p3protocol.kernel.guardian.GuardianGrantEndedEvent;
import io.p3protocol.kernel.guardian.GuardianScopeGrantedEvent;
import io.p3protocol.kernel.guardian.RecordGuardianAccessCommand;
import io.p3protocol.kernel.guardian.RevokeGuardianGrantCommand;
import io.p3protocol.kernel.security.Role;
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
import java.util.Set;
import java.util.TreeSet;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A platform admin's grant that lets one tenant key (the guardian) act inside a named set of other tenants until
 * an expiry. The grant is the single authority over every crossing: each cross-tenant request first sends
 * {@link RecordGuardianAccessCommand} here, which refuses unless the grant still covers it and otherwise records
 * the access in both tenants' streams before the request goes on. Every event is told to each tenant it concerns
 * (see {@link GuardianScopeGrantedEvent}), so each tenant's audit export shows the grant and every use of it.
 * Accesses grow the stream, so it is snapshotted ({@code guardianGrantSnapshotTrigger}).
 */
@Aggregate(snapshotTriggerDefinition = "guardianGrantSnapshotTrigger")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class GuardianGrant {
    public static final String EXPIRY_DEADLINE = "guardian-grant-expiry";
    static final int MAX_OPERATION_LENGTH = 300;

    @AggregateIdentifier
    private String grantId;
    private String guardianKeyId;
    private String guardianTenantId;
    private Set<String> targetTenantIds;
    private Set<Role> roles;
    private Instant expiresAt;
    private boolean ended;

    protected GuardianGrant() {
        // for Axon and Jackson
    }

    @CommandHandler
    public GuardianGrant(GrantGuardianScopeCommand command, DeadlineManager deadlines, Clock clock) {
        if (command.targetTenantIds().isEmpty()) {
            throw new IllegalArgumentException("a guardian grant names at least one tenant");
        }
        if (command.targetTenantIds().contains(command.guardianTenantId())) {
            throw new IllegalArgumentException("a guardian grant cannot name the guardian key's own tenant");
        }
        if (command.roles().isEmpty()) {
            throw new IllegalArgumentException("a guardian grant gives at least one role");
        }
        if (!clock.instant().isBefore(command.expiresAt())) {
            throw new IllegalArgumentException("a guardian grant's expiry must be in the future");
        }
        apply(new GuardianScopeGrantedEvent(command.grantId(), command.guardianTenantId(), command.guardianKeyId(),
                command.guardianTenantId(), command.targetTenantIds(), command.roles(), command.expiresAt()));
        for (String target : new TreeSet<>(command.targetTenantIds())) {
            apply(new GuardianScopeGrantedEvent(command.grantId(), target, command.guardianKeyId(),
                    command.guardianTenantId(), Set.of(target), command.roles(), command.expiresAt()));
        }
        deadlines.schedule(command.expiresAt(), EXPIRY_DEADLINE, null,
                new AggregateScopeDescriptor(GuardianGrant.class.getSimpleName(), command.grantId()));
    }

    @CommandHandler
    public GuardianAccess handle(RecordGuardianAccessCommand command, Clock clock) {
        if (ended) {
            throw denied("the guardian grant has ended");
        }
        if (!clock.instant().isBefore(expiresAt)) {
            throw denied("the guardian grant has expired");
        }
        if (!guardianKeyId.equals(command.guardianKeyId()) || !targetTenantIds.contains(command.targetTenantId())) {
            throw denied("the guardian grant does not cover this key and tenant");
        }
        String operation = command.operation().length() > MAX_OPERATION_LENGTH
                ? command.operation().substring(0, MAX_OPERATION_LENGTH) : command.operation();
        apply(new GuardianAccessRecordedEvent(grantId, command.targetTenantId(), guardianKeyId, guardianTenantId,
                command.targetTenantId(), operation));
        apply(new GuardianAccessRecordedEvent(grantId, guardianTenantId, guardianKeyId, guardianTenantId,
                command.targetTenantId(), operation));
        return new GuardianAccess(grantId, roles);
    }

    @CommandHandler
    public void handle(RevokeGuardianGrantCommand command) {
        if (ended) {
            throw new DomainRuleViolation("guardian_grant_ended", "guardian grant " + grantId + " has already ended");
        }
        end(GuardianGrantEndedEvent.REVOKED, command.reason());
    }

    /** The message parameter comes first: Axon may take a handler's first parameter as its payload type. */
    @DeadlineHandler(deadlineName = EXPIRY_DEADLINE)
    void onExpiryDeadline(DeadlineMessage<?> deadline, Clock clock) {
        if (!ended && !clock.instant().isBefore(expiresAt)) {
            end(GuardianGrantEndedEvent.EXPIRED, null);
        }
    }

    private void end(String reason, String detail) {
        apply(new GuardianGrantEndedEvent(grantId, guardianTenantId, guardianKeyId, guardianTenantId, reason, detail));
        for (String target : new TreeSet<>(targetTenantIds)) {
            apply(new GuardianGrantEndedEvent(grantId, target, guardianKeyId, guardianTenantId, reason, detail));
        }
    }

    private static AccessDenied denied(String why) {
        return new AccessDenied("guardian_scope_denied", why + ".");
    }

    @EventSourcingHandler
    void on(GuardianScopeGrantedEvent event) {
        if (event.isGuardianCopy()) {
            grantId = event.grantId();
            guardianKeyId = event.guardianKeyId();
            guardianTenantId = event.guardianTenantId();
            targetTenantIds = event.targetTenantIds();
            roles = event.roles();
            expiresAt = event.expiresAt();
        }
    }

    @EventSourcingHandler
    void on(GuardianGrantEndedEvent event) {
        ended = true;
    }
}
