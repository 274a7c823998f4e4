package io.p3protocol.command.sso;

import io.p3protocol.kernel.errors.DomainRuleViolation;
import io.p3protocol.kernel.sso.CompleteSsoLoginCommand;
import io.p3protocol.kernel.sso.ConsumeSsoLoginStateCommand;
import io.p3protocol.kernel.sso.RejectSsoLoginCommand;
import io.p3protocol.kernel.sso.SsoLoginCompletedEvent;
import io.p3protocol.kernel.sso.SsoLoginRejectedEvent;
import io.p3protocol.kernel.sso.SsoLoginStartedEvent;
import io.p3protocol.kernel.sso.SsoLoginStateConsumedEvent;
import io.p3protocol.kernel.sso.SsoProviderType;
import io.p3protocol.kernel.sso.SsoRejectionReason;
import io.p3protocol.kernel.sso.StartSsoLoginCommand;
import io.p3protocol.kernel.sso.StateConsumption;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Clock;
import java.time.Instant;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One login attempt, identified by the SHA-256 of its state (OIDC) or of its AuthnRequest ID (SAML). It may be
 * presented once: the aggregate's event stream (optimistic locking on the sequence number) makes a second
 * presentation, even a concurrent one, a replay refusal. A state or request ID nobody issued creates the stream just
 * to record the refusal; so does a login presented through the other protocol's endpoint.
 */
@Aggregate
public class SsoLogin {
    @AggregateIdentifier
    private String loginId;
    private String tenantId;
    private String providerId;
    private String nonceHash;
    private Instant expiresAt;
    private SsoProviderType protocol;
    private boolean issued;
    private boolean consumed;
    private boolean finished;

    protected SsoLogin() {
        // for Axon (and for a state nobody issued: see consume)
    }

    SsoLogin(StartSsoLoginCommand command, SsoProviderType protocol) {
        apply(new SsoLoginStartedEvent(command.loginId(), command.providerId(), command.tenantId(),
                command.nonceHash(), command.expiresAt(), protocol));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public StateConsumption handle(ConsumeSsoLoginStateCommand command, Clock clock) {
        boolean saml = command.protocol() == SsoProviderType.SAML;
        if (!issued || protocol != command.protocol()) {
            return saml
                    ? refuse(command.loginId(), SsoRejectionReason.IN_RESPONSE_TO_UNKNOWN,
                            "no AuthnRequest with this ID is outstanding")
                    : refuse(command.loginId(), SsoRejectionReason.STATE_UNKNOWN, "no login was started with this state");
        }
        if (consumed) {
            return saml
                    ? refuse(loginId, SsoRejectionReason.IN_RESPONSE_TO_REPLAYED,
                            "a response to this AuthnRequest was already presented")
                    : refuse(loginId, SsoRejectionReason.STATE_REPLAYED, "this state was already used");
        }
        if (!clock.instant().isBefore(expiresAt)) {
            return refuse(loginId, saml ? SsoRejectionReason.REQUEST_EXPIRED : SsoRejectionReason.STATE_EXPIRED,
                    "the login expired at " + expiresAt);
        }
        apply(new SsoLoginStateConsumedEvent(loginId, providerId, tenantId));
        return new StateConsumption(null, tenantId, providerId, nonceHash);
    }

    @CommandHandler
    public void handle(RejectSsoLoginCommand command) {
        requireConsumedAndOpen();
        apply(new SsoLoginRejectedEvent(loginId, tenantId, providerId, command.reason(), command.detail()));
    }

    @CommandHandler
    public void handle(CompleteSsoLoginCommand command) {
        requireConsumedAndOpen();
        apply(new SsoLoginCompletedEvent(loginId, tenantId, providerId, command.identityId(), command.keyId()));
    }

    private StateConsumption refuse(String id, SsoRejectionReason reason, String detail) {
        apply(new SsoLoginRejectedEvent(id, tenantId, providerId, reason, detail));
        return new StateConsumption(reason, tenantId, providerId, null);
    }

    private void requireConsumedAndOpen() {
        if (!consumed || finished) {
            throw new DomainRuleViolation("sso_login_not_in_progress", "login " + loginId + " is not in progress");
        }
    }

    @EventSourcingHandler
    void on(SsoLoginStartedEvent event) {
        loginId = event.loginId();
        tenantId = event.tenantId();
        providerId = event.providerId();
        nonceHash = event.nonceHash();
        expiresAt = event.expiresAt();
        protocol = event.effectiveProtocol();
        issued = true;
    }

    @EventSourcingHandler
    void on(SsoLoginStateConsumedEvent event) {
        consumed = true;
    }

    @EventSourcingHandler
    void on(SsoLoginRejectedEvent event) {
        loginId = event.loginId();
        if (consumed) {
            finished = true;
        }
    }

    @EventSourcingHandler
    void on(SsoLoginCompletedEvent event) {
        finished = true;
    }
}
