package io.p3protocol.kernel.apikeys;

import io.p3protocol.kernel.messaging.RetriedOnConflict;
import io.p3protocol.kernel.messaging.TenantScoped;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Mark a key expired once its expiry instant has passed (sent by the expiry deadline). */
public record ExpireApiKeyCommand(@TargetAggregateIdentifier String keyId, String tenantId) implements TenantScoped, RetriedOnConflict {
}
