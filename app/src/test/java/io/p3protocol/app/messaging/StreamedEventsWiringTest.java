package io.p3protocol.app.messaging;

import io.p3protocol.app.support.IntegrationTest;
import io.p3protocol.kernel.anchoring.AnchorRequestedEvent;
import io.p3protocol.kernel.rules.RuleCreatedEvent;
import io.p3protocol.kernel.telemetry.TelemetryRecordedEvent;
import io.p3protocol.kernel.tenancy.TenantCreatedEvent;
import io.p3protocol.kernel.vault.SecretStoredEvent;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The processors attached to {@link StreamedEvents} in application.yml decide what it leaves out. */
@IntegrationTest
class StreamedEventsWiringTest {
    @Autowired
    StreamedEvents streamedEvents;

    @Test
    void telemetryIsLeftOutBecauseNoAttachedProcessorHandlesIt() {
        assertThat(passes(TelemetryRecordedEvent.class)).isFalse();
    }

    @Test
    void theEventsOfEachAttachedProcessorPass() {
        assertThat(passes(TenantCreatedEvent.class)).isTrue(); // tenancy-views
        assertThat(passes(SecretStoredEvent.class)).isTrue(); // vault-views
        assertThat(passes(RuleCreatedEvent.class)).isTrue(); // rule-views
        assertThat(passes(AnchorRequestedEvent.class)).isTrue(); // anchor-submitter
    }

    /** Whether an event of this payload type passes (the filter looks at the type only). */
    private boolean passes(Class<?> payloadType) {
        return streamedEvents.passes(new GenericTrackedEventMessage<>(new GlobalSequenceTrackingToken(1),
                new GenericEventMessage<>(new GenericMessage<>(payloadType, null, MetaData.emptyInstance()),
                        Instant::now)));
    }
}
