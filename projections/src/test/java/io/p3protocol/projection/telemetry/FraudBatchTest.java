package io.p3protocol.projection.telemetry;

import io.p3protocol.kernel.telemetry.TelemetryEventType;
import io.p3protocol.kernel.telemetry.TelemetryRecordedEvent;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class FraudBatchTest {
    private static final String IP = "a".repeat(64);
    private static final String UA_1 = "1".repeat(64);
    private static final String UA_2 = "2".repeat(64);
    private static final Instant T = Instant.parse("2025-06-01T12:00:30Z");

    private static TelemetryRecordedEvent event(String session, String ua, int epoch, String wallet) {
        return new TelemetryRecordedEvent("t", TelemetryEventType.CLICK, session, false, IP, ua, epoch, wallet, null,
                null, T);
    }

    @Test
    void countsEveryChangeOfUserAgentHashWithinASessionInOrder() {
        FraudBatch batch = new FraudBatch();
        for (String ua : new String[]{UA_1, UA_1, UA_2, null, UA_2, UA_1}) {
            batch.add(event("s", ua, 1, null), T);
        }
        FraudBatch.SessionDelta session = batch.sessions.values().iterator().next();
        assertThat(session.uaChanges).isEqualTo(2);
        assertThat(session.firstUaHash).isEqualTo(UA_1);
        assertThat(session.lastUaHash).isEqualTo(UA_1);
        assertThat(session.events).isEqualTo(6);
    }

    @Test
    void aNewHashEpochIsNotAChangeOfUserAgent() {
        FraudBatch batch = new FraudBatch();
        batch.add(event("s", UA_1, 1, null), T);
        batch.add(event("s", UA_2, 2, null), T); // the same agent, hashed under the rotated salt
        assertThat(batch.sessions.values().iterator().next().uaChanges).isZero();
    }

    @Test
    void countsEventsPerIpAndMinuteAndDistinctWallets() {
        FraudBatch batch = new FraudBatch();
        batch.add(event("s1", UA_1, 1, "w1"), T);
        batch.add(event("s2", UA_1, 1, "w1"), T.plusSeconds(10));
        batch.add(event("s3", UA_1, 1, "w2"), T.plusSeconds(40)); // next minute
        assertThat(batch.ipMinutes).hasSize(2);
        assertThat(batch.ipMinutes.values()).extracting(v -> v[1]).containsExactly(2L, 1L);
        assertThat(batch.ipWalletMinutes).hasSize(2);
        assertThat(batch.sessionIps).hasSize(3);
    }
}
