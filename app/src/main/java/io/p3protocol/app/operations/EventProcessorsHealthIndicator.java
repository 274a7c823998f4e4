package io.p3protocol.app.operations;

import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code eventProcessors} in {@code /actuator/health}: DOWN when a streaming processor is in error (its read
 * models stop following the events), OUT_OF_SERVICE when one is not running on this node, UP otherwise.
 * Details name each processor's state, replay and lag.
 */
@Component
public class EventProcessorsHealthIndicator extends AbstractHealthIndicator {
    private final ProcessorStatusReader reader;

    public EventProcessorsHealthIndicator(ProcessorStatusReader reader) {
        super("Event processor health check failed");
        this.reader = reader;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        Status status = Status.UP;
        for (ProcessorReport processor : reader.all()) {
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("status", state(processor).getCode());
            detail.put("replaying", processor.replaying());
            detail.put("lag", processor.lag());
            detail.put("deadLetters", processor.deadLetters().letters());
            processor.segments().stream().filter(s -> s.error() != null).findFirst()
                    .ifPresent(s -> detail.put("error", s.error()));
            builder.withDetail(processor.name(), detail);
            status = worse(status, state(processor));
        }
        builder.status(status);
    }

    private static Status state(ProcessorReport processor) {
        if (processor.error()) {
            return Status.DOWN;
        }
        return processor.running() ? Status.UP : Status.OUT_OF_SERVICE;
    }

    private static Status worse(Status a, Status b) {
        return rank(b) > rank(a) ? b : a;
    }

    private static int rank(Status status) {
        if (Status.DOWN.equals(status)) {
            return 2;
        }
        return Status.OUT_OF_SERVICE.equals(status) ? 1 : 0;
    }
}
