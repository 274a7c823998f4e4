package io.p3protocol.projection.audit;

import io.p3protocol.projection.support.LingeringEvents;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;

/**
 * The {@value AuditChainSealer#PROCESSING_GROUP} processor: tracking, one segment, one thread, so events are sealed
 * one after another in the order the store delivers them. A failure is propagated, never logged and skipped: the
 * processor rolls back and retries the same event (with back-off) until it is sealed, because a skipped event
 * would be missing from the chain for good. No dead-letter queue for the same reason.
 * <p>
 * A batch lingers up to {@code p3.audit.seal-linger} (20 ms by default) for more events once it has its first
 * ({@link LingeringEvents}): a batch costs about ten statements however few events it seals, and at a few hundred
 * commands a second each event would otherwise be a batch of its own. An event is sealed that much later.
 */
@Configuration(proxyBeanMethods = false)
public class AuditChainConfiguration {

    @Autowired
    void configure(EventProcessingConfigurer processing, @Value("${p3.audit.seal-linger:20ms}") Duration linger) {
        processing.registerTrackingEventProcessor(AuditChainSealer.PROCESSING_GROUP,
                c -> new LingeringEvents(c.eventStore(), linger),
                c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                        .andInitialSegmentsCount(1)
                        .andBatchSize(2000)); // sealing costs a fixed number of round trips per batch
        processing.registerListenerInvocationErrorHandler(AuditChainSealer.PROCESSING_GROUP,
                c -> PropagatingErrorHandler.instance());
    }
}
