package io.p3protocol.command.telemetry;

import io.p3protocol.kernel.telemetry.RecordTelemetryCommand;
import io.p3protocol.kernel.telemetry.TelemetryRecordedEvent;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Stores a telemetry batch. Telemetry has no invariant to protect across events, so there is no aggregate to load
 * or lock: this stateless handler turns the command into one {@link TelemetryRecordedEvent} per entry and publishes
 * them all at once. Inside the command's unit of work the event bus only queues them; on commit the JDBC storage
 * engine appends the whole batch with one batched INSERT in the command's one transaction.
 */
@Component
public class TelemetryRecorder {
    private final EventBus events;

    public TelemetryRecorder(EventBus events) {
        this.events = events;
    }

    /** @return the stored events' ids, in the command's order */
    @CommandHandler
    public List<String> record(RecordTelemetryCommand command) {
        List<EventMessage<?>> batch = command.events().stream()
                .<EventMessage<?>>map(t -> GenericEventMessage.asEventMessage(
                        TelemetryRecordedEvent.of(command.tenantId(), t)))
                .toList();
        events.publish(batch);
        return batch.stream().map(EventMessage::getIdentifier).toList();
    }
}
