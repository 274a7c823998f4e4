package io.p3protocol.kernel.vault;

import io.p3protocol.kernel.messaging.TenantScoped;

/** A secret's value was shown to the actor in this event's metadata. It carries no value. */
public record SecretRevealedEvent(String tenantId, String name, int version) implements TenantScoped {
}
