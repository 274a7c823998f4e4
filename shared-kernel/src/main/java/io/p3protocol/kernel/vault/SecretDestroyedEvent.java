package io.p3protocol.kernel.vault;

import io.p3protocol.kernel.messaging.TenantScoped;

/** A secret's key material was erased: none of its versions can be decrypted again. */
public record SecretDestroyedEvent(String tenantId, String name, int lastVersion) implements TenantScoped {
}
