package io.p3protocol.app.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;

/** The per-address budget of SSO returns, minute by minute. */
class SsoReturnThrottleTest {
    private static final long MINUTE = 60_000;
    private final SsoReturnThrottle throttle = new SsoReturnThrottle(3, Clock.systemUTC(), new ObjectMapper());

    @Test
    void theReturnAfterTheBudgetWithinOneMinuteIsRefused() {
        long t = 100 * MINUTE;
        for (int i = 0; i < 3; i++) {
            assertThat(throttle.admit("203.0.113.7", t + i)).isTrue();
        }
        assertThat(throttle.admit("203.0.113.7", t + 59_999)).isFalse();
    }

    @Test
    void anotherAddressHasItsOwnBudget() {
        long t = 100 * MINUTE;
        for (int i = 0; i < 4; i++) {
            throttle.admit("203.0.113.7", t);
        }
        assertThat(throttle.admit("198.51.100.1", t)).isTrue();
    }

    @Test
    void theNextMinuteStartsAFreshBudget() {
        long t = 100 * MINUTE;
        for (int i = 0; i < 4; i++) {
            throttle.admit("203.0.113.7", t);
        }
        assertThat(throttle.admit("203.0.113.7", t + MINUTE)).isTrue();
    }
}
