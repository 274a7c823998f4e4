package io.p3protocol.projection.telemetry;

import io.p3protocol.kernel.telemetry.TelemetryRecordedEvent;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.async.SequencingPolicy;
import org.axonframework.eventhandling.async.SequentialPerAggregatePolicy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@value TelemetryFraudProjection#PROCESSING_GROUP} processor's sequencing policy (named in application.yml):
 * a session's events stay in order on one segment, because hijack detection compares each User-Agent hash with the
 * session's previous one. (Telemetry events have no aggregate: Axon's default policy, per aggregate, would spread
 * one session over every segment.)
 */
@Configuration(proxyBeanMethods = false)
public class TelemetryFraudConfiguration {
    public static final String SEQUENCING_POLICY = "telemetrySessionSequencing";

    @Bean(SEQUENCING_POLICY)
    public SequencingPolicy<EventMessage<?>> telemetrySessionSequencing() {
        return event -> event.getPayload() instanceof TelemetryRecordedEvent telemetry
                ? telemetry.tenantId() + ":" + telemetry.sessionId()
                : SequentialPerAggregatePolicy.instance().getSequenceIdentifierFor(event);
    }
}
