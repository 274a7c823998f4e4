package io.p3protocol.app.policy;

import io.p3protocol.app.messaging.MessageMetadataConfiguration;
import io.p3protocol.command.policy.SandboxEnforcement;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.common.Registration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Puts the sandbox check on the command bus, after the request-metadata interceptor (taking it as a parameter
 * orders the registrations), so a refusal is recorded with the refused command's actor and correlation.
 */
@Configuration(proxyBeanMethods = false)
public class SandboxEnforcementConfiguration {

    @Bean
    public Registration sandboxEnforcementRegistration(
            CommandBus commandBus, SandboxEnforcement enforcement,
            MessageMetadataConfiguration.RequestMetadataInterceptor registeredFirst) {
        return commandBus.registerDispatchInterceptor(enforcement.dispatchInterceptor());
    }
}
