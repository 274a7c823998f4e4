package io.p3protocol.projection.audit;

import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;

/**
 * The {@value AuditChainSealer#PROCESSING_GROUP} processor: tracking, one segment, one thread, so events are sealed
 * one after another in the order the store delivers them. A failure is propagated, never logged and skipped: the
 * processor rolls back and retries the same event (with back-off) until it is sealed, because a skipped event
 * would be missing from the chain for good. No dead-letter queue for the same reason.
 */
@Configuration(proxyBeanMethods = false)
public class AuditChainConfiguration {

    @Autowired
    void configure(EventProcessingConfigurer processing) {
        processing.registerTrackingEventProcessor(AuditChainSealer.PROCESSING_GROUP,
                org.axonframework.config.Configuration::eventStore,
                c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                        .andInitialSegmentsCount(1)
                        .andBatchSize(2000)); // sealing costs a fixed number of round trips per batch
        processing.registerListenerInvocationErrorHandler(AuditChainSealer.PROCESSING_GROUP,
                c -> PropagatingErrorHandler.instance());
    }
}
