package io.p3protocol.app.policy;

import io.p3protocol.app.messaging.MessageMetadataConfiguration;
import io.p3protocol.command.policy.SsoTierGate;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.common.Registration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Puts the tier's SSO check on the command bus (see {@link SsoTierGate}). */
@Configuration(proxyBeanMethods = false)
public class SsoTierGateConfiguration {

    @Bean
    public Registration ssoTierGateRegistration(
            CommandBus commandBus, SsoTierGate gate,
            MessageMetadataConfiguration.RequestMetadataInterceptor registeredFirst) {
        return commandBus.registerDispatchInterceptor(gate.dispatchInterceptor());
    }
}
