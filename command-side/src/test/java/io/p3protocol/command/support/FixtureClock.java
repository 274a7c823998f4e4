package io.p3protocol.command.support;

import org.axonframework.test.aggregate.AggregateTestFixture;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that reads an {@link AggregateTestFixture}'s simulated time, for handlers that take a {@link Clock}
 * parameter: register it with {@code fixture.registerInjectableResource(new FixtureClock(fixture))}, and
 * {@code whenTimeElapses} / {@code andGivenCurrentTime} move it along with the fixture's deadlines.
 */
public final class FixtureClock extends Clock {
    private final AggregateTestFixture<?> fixture;

    public FixtureClock(AggregateTestFixture<?> fixture) {
        this.fixture = fixture;
    }

    @Override
    public Instant instant() {
        return fixture.currentTime();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("UTC only");
    }
}
