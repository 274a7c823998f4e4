package io.p3protocol.kernel.messaging;

/** A command or event that belongs to exactly one tenant. The dispatch path stamps this into metadata. */
public interface TenantScoped {
    String tenantId();
}
