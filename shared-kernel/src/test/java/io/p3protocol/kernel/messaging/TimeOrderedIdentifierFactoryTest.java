package io.p3protocol.kernel.messaging;

import org.axonframework.common.IdentifierFactory;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class TimeOrderedIdentifierFactoryTest {

    @Test
    void axonFindsTheFactoryThroughTheServiceLoader() {
        assertThat(IdentifierFactory.getInstance()).isInstanceOf(TimeOrderedIdentifierFactory.class);
    }

    @Test
    void identifiersAreVersion7UuidsCarryingTheMillisecond() {
        long millis = 1_795_000_000_123L;
        UUID id = new TimeOrderedIdentifierFactory(() -> millis).next();

        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(millis);
    }

    @Test
    void aLaterMillisecondSortsAfterAnEarlierOneAsText() {
        AtomicLong clock = new AtomicLong(1_795_000_000_000L);
        TimeOrderedIdentifierFactory factory = new TimeOrderedIdentifierFactory(clock::get);

        String previous = factory.generateIdentifier();
        for (int i = 0; i < 1000; i++) {
            clock.incrementAndGet();
            String next = factory.generateIdentifier();
            assertThat(next).isGreaterThan(previous);
            previous = next;
        }
    }

    @Test
    void identifiersWithinOneMillisecondDiffer() {
        TimeOrderedIdentifierFactory factory = new TimeOrderedIdentifierFactory(() -> 1_795_000_000_000L);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            seen.add(factory.generateIdentifier());
        }
        assertThat(seen).hasSize(100_000);
    }
}
