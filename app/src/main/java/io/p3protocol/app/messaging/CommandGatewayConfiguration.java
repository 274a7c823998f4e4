package io.p3protocol.app.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The one command gateway: Axon's default, with lost races of {@code RetriedOnConflict} commands decided again. */
@Configuration(proxyBeanMethods = false)
public class CommandGatewayConfiguration {

    @Bean
    public CommandGateway commandGateway(CommandBus commandBus, MeterRegistry meters,
                                         @Value("${p3.commands.conflict-retries:3}") int conflictRetries) {
        return DefaultCommandGateway.builder()
                .commandBus(commandBus)
                .retryScheduler(new ConflictRetryScheduler(conflictRetries, meters))
                .build();
    }
}
