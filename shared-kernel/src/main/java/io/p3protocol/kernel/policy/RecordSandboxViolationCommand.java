package io.p3protocol.kernel.policy;

import io.p3protocol.kernel.messaging.RetriedOnConflict;
import io.p3protocol.kernel.messaging.TenantScoped;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Record that a chain-targeted command of a sandboxed tenant was refused. Sent by the sandbox enforcement, in a unit
 * of work of its own, so the record survives although the refused command (and whatever sent it) fails.
 *
 * @param commandType    the refused command's type (fully qualified class name)
 * @param requestedChain the chain it named, as named, or null when it named none
 * @param sandboxChain   the tenant's sandbox chain at the time
 */
public record RecordSandboxViolationCommand(@TargetAggregateIdentifier String tenantId, String commandType,
                                            String requestedChain, String sandboxChain) implements TenantScoped, RetriedOnConflict {
}
