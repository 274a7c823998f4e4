package io.p3protocol.projection.telemetry;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TelemetryHashRuleTest {
    private static final String HASH = "0123456789abcdef".repeat(4);

    @Test
    void sixtyFourLowerCaseHexDigitsAreAHash() {
        assertThat(TelemetryFraudProjection.isHash(HASH)).isTrue();
    }

    @Test
    void anythingElseIsNot() {
        assertThat(TelemetryFraudProjection.isHash(HASH.substring(1))).isFalse();
        assertThat(TelemetryFraudProjection.isHash(HASH + "0")).isFalse();
        assertThat(TelemetryFraudProjection.isHash(HASH.toUpperCase())).isFalse();
        assertThat(TelemetryFraudProjection.isHash(HASH.substring(1) + "g")).isFalse();
        assertThat(TelemetryFraudProjection.isHash(HASH.substring(1) + "/")).isFalse();
        assertThat(TelemetryFraudProjection.isHash("")).isFalse();
    }
}
