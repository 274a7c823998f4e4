package io.p3protocol.kernel.messaging;

import org.axonframework.common.IdentifierFactory;

import java.security.SecureRandom;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.LongSupplier;

/**
 * Gives Axon's messages time-ordered identifiers: UUID version 7 (RFC 9562), a 48-bit Unix millisecond timestamp
 * followed by 74 random bits. Axon finds this factory through {@code META-INF/services}.
 *
 * <p>Why: every stored event's identifier is a unique key of the event store, and an event that belongs to no
 * aggregate (telemetry) is stored with its identifier as its aggregate identifier too, a second unique key. Random
 * (version 4) identifiers put each insert on a random page of two ever-growing indexes, which once they outgrow the
 * buffer cache costs reads, dirty-page writes and full-page images in the WAL for every event. Time-ordered ones
 * land on the indexes' newest pages, as the event store's own position does. The sealed audit chain copies the
 * identifier into its own unique key and gains the same way (docs/benchmarks.md).
 *
 * <p>The identifiers need to be unique, not unpredictable: they name events, and grant nothing. 74 random bits per
 * millisecond make a collision negligible, and the unique keys would refuse one. Each thread draws from its own
 * generator, seeded from {@link SecureRandom} so that two nodes never share a sequence.
 */
public final class TimeOrderedIdentifierFactory extends IdentifierFactory {

    private static final SecureRandom SEEDS = new SecureRandom();
    private static final ThreadLocal<SplittableRandom> RANDOM =
            ThreadLocal.withInitial(() -> new SplittableRandom(SEEDS.nextLong()));

    private final LongSupplier clock;

    /** The factory Axon's service loader creates: the system clock. */
    public TimeOrderedIdentifierFactory() {
        this(System::currentTimeMillis);
    }

    TimeOrderedIdentifierFactory(LongSupplier millisClock) {
        this.clock = millisClock;
    }

    @Override
    public String generateIdentifier() {
        return next().toString();
    }

    UUID next() {
        SplittableRandom random = RANDOM.get();
        long millis = clock.getAsLong() & 0xFFFF_FFFF_FFFFL;
        long randA = random.nextLong() & 0x0FFFL;
        long mostSignificant = (millis << 16) | 0x7000L | randA;
        long leastSignificant = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(mostSignificant, leastSignificant);
    }
}
