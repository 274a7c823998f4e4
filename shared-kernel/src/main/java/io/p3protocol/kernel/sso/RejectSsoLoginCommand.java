package io.p3protocol.kernel.sso;

import io.p3protocol.kernel.messaging.RetriedOnConflict;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record that a consumed login failed later (code exchange, id_token validation). */
public record RejectSsoLoginCommand(@TargetAggregateIdentifier String loginId, SsoRejectionReason reason,
                                    String detail) implements RetriedOnConflict {
}
