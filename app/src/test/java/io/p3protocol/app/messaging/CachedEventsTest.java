package io.p3protocol.app.messaging;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CachedEventsTest {
    private static final long MB = 1024L * 1024;

    @Test
    void aConfiguredNumberIsTakenAsItIs() {
        assertThat(EventStoreConfiguration.cachedEventsFor("25000", 8192 * MB)).isEqualTo(25_000);
    }

    @Test
    void unsetTheCacheTakesATenthOfTheHeap() {
        assertThat(EventStoreConfiguration.cachedEventsFor("", 1024 * MB)).isEqualTo(39_768);
        assertThat(EventStoreConfiguration.cachedEventsFor(null, 1024 * MB))
                .isEqualTo((int) (1024 * MB / 10 / EventStoreConfiguration.BYTES_PER_CACHED_EVENT));
    }

    @Test
    void unsetItStaysBetweenAxonsDefaultAndOneHundredThousand() {
        assertThat(EventStoreConfiguration.cachedEventsFor(" ", 256 * MB)).isEqualTo(10_000);
        assertThat(EventStoreConfiguration.cachedEventsFor("", 6 * 1024 * MB)).isEqualTo(100_000);
    }
}
