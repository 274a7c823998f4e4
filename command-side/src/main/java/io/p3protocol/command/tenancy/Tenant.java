package io.p3protocol.command.tenancy;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.p3protocol.command.apikeys.ApiKey;
import io.p3protocol.kernel.errors.DomainRuleViolation;
import io.p3protocol.kernel.apikeys.ApiKeyDefaults;
import io.p3protocol.kernel.apikeys.IssueApiKeyCommand;
import io.p3protocol.kernel.apikeys.IssuedApiKey;
import io.p3protocol.kernel.policy.ChangeTenantPolicyCommand;
import io.p3protocol.kernel.policy.RecordSandboxViolationCommand;
import io.p3protocol.kernel.policy.SandboxViolationBlockedEvent;
import io.p3protocol.kernel.policy.TenantPolicy;
import io.p3protocol.kernel.policy.TenantPolicyChangedEvent;
import io.p3protocol.kernel.tenancy.ChangeTenantTierCommand;
import io.p3protocol.kernel.tenancy.CreateTenantCommand;
import io.p3protocol.kernel.tenancy.PlaceTenantInZoneCommand;
import io.p3protocol.kernel.tenancy.ReactivateTenantCommand;
import io.p3protocol.kernel.tenancy.RenameTenantCommand;
import io.p3protocol.kernel.tenancy.SuspendTenantCommand;
import io.p3protocol.kernel.tenancy.TenantApiKeyIssuedEvent;
import io.p3protocol.kernel.tenancy.TenantCreatedEvent;
import io.p3protocol.kernel.tenancy.TenantReactivatedEvent;
import io.p3protocol.kernel.tenancy.TenantRenamedEvent;
import io.p3protocol.kernel.tenancy.TenantStatus;
import io.p3protocol.kernel.tenancy.TenantSuspendedEvent;
import io.p3protocol.kernel.tenancy.TenantTierChangedEvent;
import io.p3protocol.kernel.tenancy.TenantZoneChangedEvent;
import io.p3protocol.kernel.tenancy.Tier;
import io.p3protocol.kernel.tenancy.Zone;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.List;
import java.util.Objects;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.createNew;

/**
 * A tenant of the platform. It owns the decision whether keys may be issued for it; its stream grows with its keys
 * ({@link TenantApiKeyIssuedEvent}), so it is snapshotted ({@code tenantSnapshotTrigger}), and it stays loaded between
 * commands ({@code tenantCache}), checked against the store before each use.
 * Jackson snapshots need field visibility: the fields are private and have no setters.
 */
@Aggregate(snapshotTriggerDefinition = "tenantSnapshotTrigger", cache = "tenantCache")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
// Snapshots taken before 2026-11-24 list every key id the tenant issued; the tenant no longer keeps them.
@JsonIgnoreProperties({"issuedKeyIds"})
public class Tenant {

    @AggregateIdentifier
    private String tenantId;
    private String name;
    private TenantStatus status;
    /** Null until a policy is first set: the tenant then has {@link TenantPolicy#DEFAULT}. */
    private TenantPolicy policy;
    /** Null until a tier is first set: keys then default to ApiKeyDefaults.QUOTA_MONTHLY and SSO is allowed. */
    private Tier tier;
    /** Null until the tenant is first placed in a zone. */
    private Zone zone;

    protected Tenant() {
        // for Axon and Jackson
    }

    @CommandHandler
    public Tenant(CreateTenantCommand command) {
        apply(new TenantCreatedEvent(command.tenantId(), command.name()));
    }

    @CommandHandler
    public void handle(RenameTenantCommand command) {
        if (name.equals(command.name())) {
            return; // renaming to the same name changes nothing and records nothing
        }
        apply(new TenantRenamedEvent(tenantId, name, command.name()));
    }

    @CommandHandler
    public void handle(SuspendTenantCommand command) {
        if (status == TenantStatus.SUSPENDED) {
            throw new DomainRuleViolation("tenant_already_suspended", "tenant " + tenantId + " is already suspended");
        }
        apply(new TenantSuspendedEvent(tenantId, command.reason()));
    }

    @CommandHandler
    public void handle(ReactivateTenantCommand command) {
        if (status == TenantStatus.ACTIVE) {
            throw new DomainRuleViolation("tenant_not_suspended", "tenant " + tenantId + " is not suspended");
        }
        apply(new TenantReactivatedEvent(tenantId));
    }

    /**
     * Keys are issued through their tenant, so a suspended tenant cannot gain new keys. Answers the key with the quota
     * recorded for it, so the caller need not read it back.
     */
    @CommandHandler
    public IssuedApiKey handle(IssueApiKeyCommand command, DeadlineManager deadlineManager) throws Exception {
        if (status == TenantStatus.SUSPENDED) {
            throw new DomainRuleViolation("tenant_suspended", "tenant " + tenantId + " is suspended");
        }
        // The tenant's own record of the key (events applied by the spawned ApiKey land in the key's stream only). It
        // also takes the tenant's next sequence number, so an issue and a suspension decided on two nodes at once
        // collide in the store instead of both succeeding. The tenant keeps no list of its keys: one tenant may issue
        // millions (a key per SSO login), and a key id issued twice collides on the key's own first event.
        apply(new TenantApiKeyIssuedEvent(tenantId, command.keyId()));
        long quota = command.quotaMonthly() != null ? command.quotaMonthly()
                : tier != null ? tier.quotaMonthly() : ApiKeyDefaults.QUOTA_MONTHLY;
        createNew(ApiKey.class, () -> new ApiKey(command, quota));
        if (command.expiresAt() != null) {
            ApiKey.scheduleExpiry(deadlineManager, command.keyId(), command.expiresAt());
        }
        return new IssuedApiKey(command.keyId(), quota);
    }

    /** Replaces the whole policy; a policy equal to the current one records nothing. Returns the policy in force. */
    @CommandHandler
    public TenantPolicy handle(ChangeTenantPolicyCommand command) {
        TenantPolicy current = policy == null ? TenantPolicy.DEFAULT : policy;
        requireRegionsAgree(command.policy().dataRegion(), zone);
        List<String> changed = command.policy().changedFrom(current);
        if (!changed.isEmpty()) {
            apply(new TenantPolicyChangedEvent(tenantId, command.policy(), changed));
        }
        return command.policy();
    }

    /** Puts the tenant on a tier; the same tier again records nothing. Returns the tier in force. */
    @CommandHandler
    public Tier handle(ChangeTenantTierCommand command) {
        if (command.tier() != tier) {
            apply(new TenantTierChangedEvent(tenantId, command.tier(), tier));
        }
        return command.tier();
    }

    /**
     * Places the tenant in a zone; the same zone again records nothing. A policy's {@code dataRegion}, when set, must
     * be the zone's region (409 {@code data_region_mismatch}): change or clear the policy's region first.
     */
    @CommandHandler
    public Zone handle(PlaceTenantInZoneCommand command) {
        requireRegionsAgree(policy == null ? null : policy.dataRegion(), command.zone());
        if (!command.zone().equals(zone)) {
            apply(new TenantZoneChangedEvent(tenantId, command.zone(), zone));
        }
        return command.zone();
    }

    private void requireRegionsAgree(String dataRegion, Zone placedIn) {
        if (dataRegion != null && placedIn != null && !Objects.equals(dataRegion, placedIn.region())) {
            throw new DomainRuleViolation("data_region_mismatch", "the policy's dataRegion '" + dataRegion
                    + "' disagrees with the tenant's zone " + placedIn.provider() + "/" + placedIn.region()
                    + "; the data region must be the zone's region");
        }
    }

    /**
     * The sandbox enforcement has already refused the command; the tenant only keeps the record, whatever its
     * policy says by now (a policy change racing the refusal does not undo that it happened).
     */
    @CommandHandler
    public void handle(RecordSandboxViolationCommand command) {
        apply(new SandboxViolationBlockedEvent(tenantId, command.commandType(), command.requestedChain(),
                command.sandboxChain()));
    }

    @EventSourcingHandler
    void on(TenantCreatedEvent event) {
        tenantId = event.tenantId();
        name = event.name();
        status = TenantStatus.ACTIVE;
    }

    @EventSourcingHandler
    void on(TenantRenamedEvent event) {
        name = event.name();
    }

    @EventSourcingHandler
    void on(TenantSuspendedEvent event) {
        status = TenantStatus.SUSPENDED;
    }

    @EventSourcingHandler
    void on(TenantReactivatedEvent event) {
        status = TenantStatus.ACTIVE;
    }

    @EventSourcingHandler
    void on(TenantPolicyChangedEvent event) {
        policy = event.policy();
    }

    @EventSourcingHandler
    void on(TenantTierChangedEvent event) {
        tier = event.tier();
    }

    @EventSourcingHandler
    void on(TenantZoneChangedEvent event) {
        zone = event.zone();
    }
}
