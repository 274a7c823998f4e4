package io.p3protocol.app.messaging;

import io.p3protocol.app.support.IntegrationTest;
import io.p3protocol.kernel.anchoring.AnchorRequestedEvent;
import io.p3protocol.kernel.rules.RuleCreatedEvent;
import io.p3protocol.kernel.telemetry.TelemetryRecordedEvent;
import io.p3protocol.kernel.tenancy.TenantCreatedEvent;
import io.p3protocol.kernel.vault.SecretStoredEvent;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** The processors attached to {@link StreamedEvents} in application.yml decide what it leaves out. */
@IntegrationTest
class StreamedEventsWiringTest {
    @Autowired
    StreamedEvents streamedEvents;

    @Test
    void telemetryIsLeftOutBecauseNoAttachedProcessorHandlesIt() {
        assertThat(streamedEvents.passes(TelemetryRecordedEvent.class)).isFalse();
    }

    @Test
    void theEventsOfEachAttachedProcessorPass() {
        assertThat(streamedEvents.passes(TenantCreatedEvent.class)).isTrue(); // tenancy-views
        assertThat(streamedEvents.passes(SecretStoredEvent.class)).isTrue(); // vault-views
        assertThat(streamedEvents.passes(RuleCreatedEvent.class)).isTrue(); // rule-views
        assertThat(streamedEvents.passes(AnchorRequestedEvent.class)).isTrue(); // anchor-submitter
    }
}
