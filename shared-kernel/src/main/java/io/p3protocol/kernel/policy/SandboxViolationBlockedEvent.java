package io.p3protocol.kernel.policy;

import io.p3protocol.kernel.messaging.TenantScoped;

/**
 * A sandboxed tenant's command that targeted a production chain (or named none) was refused. Who sent it is the
 * event's {@code actor} metadata and its {@code correlationId} and {@code requestId} are the refused command's,
 * copied over by the sandbox enforcement.
 *
 * @param commandType    the refused command's type (fully qualified class name)
 * @param requestedChain the chain it named, as named, or null when it named none
 * @param sandboxChain   the tenant's sandbox chain at the time
 */
public record SandboxViolationBlockedEvent(String tenantId, String commandType, String requestedChain,
                                           String sandboxChain) implements TenantScoped {
}
