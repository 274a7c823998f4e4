package io.p3protocol.command.policy;

import io.p3protocol.kernel.errors.SandboxSettlementBlocked;
import io.p3protocol.kernel.messaging.ChainTargeted;
import io.p3protocol.kernel.policy.Chains;
import io.p3protocol.kernel.policy.TenantPolicy;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.springframework.stereotype.Component;


/**
 * The one place the sandbox is enforced: a dispatch interceptor on the command bus, so every
 * {@link ChainTargeted} command passes it whoever sends it (REST, rules-engine actions, sagas, tests). For a
 * sandboxed tenant, a command naming no chain or a chain outside {@link Chains#TESTNETS} (any case) is refused with
 * {@link SandboxSettlementBlocked} before any handler sees it, and the refusal is recorded on the tenant.
 * Registered on the bus by the app ({@code SandboxEnforcementConfiguration}) through {@link #dispatchInterceptor()}.
 * This class is deliberately not itself a {@link MessageDispatchInterceptor} bean: Axon's Spring Boot support adds
 * every such bean to the command <em>gateway</em>, where it would run before the bus's request-metadata interceptor
 * (so a refusal would be recorded without its actor), and a second time on the bus.
 */
@Component
public class SandboxEnforcement {
    private final TenantPolicies policies;
    private final SandboxViolationRecorder recorder;

    public SandboxEnforcement(TenantPolicies policies, SandboxViolationRecorder recorder) {
        this.policies = policies;
        this.recorder = recorder;
    }

    /** The interceptor to register on the command bus. */
    public MessageDispatchInterceptor<CommandMessage<?>> dispatchInterceptor() {
        return messages -> (index, command) -> {
            if (command.getPayload() instanceof ChainTargeted target) {
                check(command, target);
            }
            return command;
        };
    }

    private void check(CommandMessage<?> command, ChainTargeted target) {
        if (Chains.isTestnet(target.chain())) {
            return; // allowed for every tenant: no policy read needed
        }
        TenantPolicy policy = policies.of(target.tenantId());
        if (!policy.sandbox()) {
            return;
        }
        String sandboxChain = policy.effectiveSandboxChain();
        recorder.record(command, target, sandboxChain);
        throw new SandboxSettlementBlocked(sandboxChain, target.chain());
    }
}
