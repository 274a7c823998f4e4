package io.p3protocol.command.plugins;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.p3protocol.kernel.plugins.PluginEventEmittedEvent;
import io.p3protocol.kernel.plugins.RecordPluginEmissionCommand;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** One event emitted into the journal by a rule; recorded once per emission id however often it is retried. */
@Aggregate
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class PluginEmission {
    @AggregateIdentifier
    private String emissionId;

    protected PluginEmission() {
    }

    /** @return true when this call recorded the emission, false when it was already recorded */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public boolean handle(RecordPluginEmissionCommand command) {
        if (emissionId != null) {
            return false;
        }
        apply(new PluginEventEmittedEvent(command.emissionId(), command.tenantId(), command.pluginId(),
                command.type(), command.payload(), command.timestamp(), command.source()));
        return true;
    }

    @EventSourcingHandler
    void on(PluginEventEmittedEvent event) {
        emissionId = event.emissionId();
    }
}
