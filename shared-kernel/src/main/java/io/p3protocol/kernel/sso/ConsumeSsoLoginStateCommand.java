package io.p3protocol.kernel.sso;

import io.p3protocol.kernel.messaging.RetriedOnConflict;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A response presents a login: the OIDC callback its state, the SAML ACS the Response's InResponseTo. Handled once
 * per login: the answer says whether it may be used, and every refusal (unknown, replayed, expired) is recorded as
 * an {@link SsoLoginRejectedEvent}. A login started for another protocol counts as unknown.
 */
public record ConsumeSsoLoginStateCommand(@TargetAggregateIdentifier String loginId, SsoProviderType protocol) implements RetriedOnConflict {
    public ConsumeSsoLoginStateCommand(String loginId) {
        this(loginId, SsoProviderType.OIDC);
    }
}
