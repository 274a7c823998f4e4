package io.p3protocol.kernel.sso;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The callback presents a state. Handled once per login: the answer says whether the state may be used, and every
 * refusal (unknown, replayed, expired) is recorded as an {@link SsoLoginRejectedEvent}.
 */
public record ConsumeSsoLoginStateCommand(@TargetAggregateIdentifier String loginId) {
}
