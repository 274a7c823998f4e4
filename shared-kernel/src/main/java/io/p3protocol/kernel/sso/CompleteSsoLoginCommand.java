package io.p3protocol.kernel.sso;

import io.p3protocol.kernel.messaging.RetriedOnConflict;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record CompleteSsoLoginCommand(@TargetAggregateIdentifier String loginId, String identityId, String keyId) implements RetriedOnConflict {
}
