package io.p3protocol.command.tenancy;

import io.p3protocol.kernel.policy.ChangeTenantPolicyCommand;
import io.p3protocol.kernel.policy.Feature;
import io.p3protocol.kernel.policy.RecordSandboxViolationCommand;
import io.p3protocol.kernel.policy.SandboxViolationBlockedEvent;
import io.p3protocol.kernel.policy.TenantPolicy;
import io.p3protocol.kernel.policy.TenantPolicyChangedEvent;
import io.p3protocol.kernel.tenancy.TenantCreatedEvent;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

class TenantPolicyTest {
    private static final String TENANT = "tenant-1";
    private static final TenantPolicy SANDBOXED = new TenantPolicy(true, "sepolia", 1000, 100, List.of(), null, null,
            true);

    private AggregateTestFixture<Tenant> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Tenant.class);
    }

    @Test
    void aFirstPolicyRecordsTheFieldsThatDifferFromTheDefaults() {
        fixture.given(new TenantCreatedEvent(TENANT, "Acme"))
                .when(new ChangeTenantPolicyCommand(TENANT, SANDBOXED))
                .expectResultMessagePayload(SANDBOXED)
                .expectEvents(new TenantPolicyChangedEvent(TENANT, SANDBOXED, List.of("sandbox", "sandboxChain")));
    }

    @Test
    void aLaterChangeNamesOnlyWhatChangedSinceThePreviousPolicy() {
        TenantPolicy limited = new TenantPolicy(true, "sepolia", 60, 100, List.of(Feature.VAULT), null, null, true);
        fixture.given(new TenantCreatedEvent(TENANT, "Acme"),
                        new TenantPolicyChangedEvent(TENANT, SANDBOXED, List.of("sandbox", "sandboxChain")))
                .when(new ChangeTenantPolicyCommand(TENANT, limited))
                .expectEvents(new TenantPolicyChangedEvent(TENANT, limited, List.of("rateLimitRpm", "allowedFeatures")));
    }

    @Test
    void theSamePolicyAgainRecordsNothing() {
        fixture.given(new TenantCreatedEvent(TENANT, "Acme"),
                        new TenantPolicyChangedEvent(TENANT, SANDBOXED, List.of("sandbox", "sandboxChain")))
                .when(new ChangeTenantPolicyCommand(TENANT, SANDBOXED))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void theDefaultPolicyOnATenantThatNeverHadOneRecordsNothing() {
        fixture.given(new TenantCreatedEvent(TENANT, "Acme"))
                .when(new ChangeTenantPolicyCommand(TENANT, TenantPolicy.DEFAULT))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aRefusedChainCommandIsRecordedAsASandboxViolation() {
        fixture.given(new TenantCreatedEvent(TENANT, "Acme"),
                        new TenantPolicyChangedEvent(TENANT, SANDBOXED, List.of("sandbox", "sandboxChain")))
                .when(new RecordSandboxViolationCommand(TENANT, "io.example.Settle", "ethereum", "sepolia"))
                .expectEvents(new SandboxViolationBlockedEvent(TENANT, "io.example.Settle", "ethereum", "sepolia"));
    }
}
