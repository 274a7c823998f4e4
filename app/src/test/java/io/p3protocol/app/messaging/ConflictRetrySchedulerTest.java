package io.p3protocol.app.messaging;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.p3protocol.kernel.messaging.RetriedOnConflict;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class ConflictRetrySchedulerTest {
    record Marked(String id) implements RetriedOnConflict {
    }

    record Unmarked(String id) {
    }

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final ConflictRetryScheduler scheduler = new ConflictRetryScheduler(2, meters);
    private final AtomicInteger dispatched = new AtomicInteger();
    private final List<Class<? extends Throwable>[]> failures = new ArrayList<>();

    private boolean afterFailure(Object payload, RuntimeException failure) {
        failures.add(new Class[]{failure.getClass()});
        CommandMessage<?> command = GenericCommandMessage.asCommandMessage(payload);
        return scheduler.scheduleRetry(command, failure, new ArrayList<>(failures), dispatched::incrementAndGet);
    }

    private double counted(String result) {
        var counter = meters.find("p3.command.conflict.retries").tag("result", result).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void aMarkedCommandThatLostARaceIsDispatchedAgainAtOnceInTheSameThread() {
        assertThat(afterFailure(new Marked("t1"), new ConcurrencyException("seq 7 taken"))).isTrue();

        assertThat(dispatched).hasValue(1);
        assertThat(counted("retried")).isEqualTo(1);
    }

    @Test
    void aLostCreationRaceOfAMarkedCommandIsRetriedToo() {
        assertThat(afterFailure(new Marked("t1"), new AggregateStreamCreationException("seq 0 taken"))).isTrue();
        assertThat(dispatched).hasValue(1);
    }

    @Test
    void aLostRaceWrappedInAnotherExceptionIsRecognized() {
        assertThat(afterFailure(new Marked("t1"), new IllegalStateException("append failed",
                new ConcurrencyException("seq 7 taken")))).isTrue();
    }

    @Test
    void anUnmarkedCommandIsNeverRetried() {
        assertThat(afterFailure(new Unmarked("t1"), new ConcurrencyException("seq 7 taken"))).isFalse();
        assertThat(dispatched).hasValue(0);
    }

    @Test
    void anyOtherFailureOfAMarkedCommandGoesToTheCaller() {
        assertThat(afterFailure(new Marked("t1"), new IllegalArgumentException("bad input"))).isFalse();
        assertThat(dispatched).hasValue(0);
    }

    @Test
    void afterTheLastRetryTheFailureGoesToTheCaller() {
        assertThat(afterFailure(new Marked("t1"), new ConcurrencyException("1"))).isTrue();
        assertThat(afterFailure(new Marked("t1"), new ConcurrencyException("2"))).isTrue();
        assertThat(afterFailure(new Marked("t1"), new ConcurrencyException("3"))).isFalse();

        assertThat(dispatched).hasValue(2);
        assertThat(counted("gave_up")).isEqualTo(1);
    }

    @Test
    void aCommandDispatchedInsideAnotherUnitOfWorkIsLeftToThatOne() {
        UnitOfWork<?> outer = DefaultUnitOfWork.startAndGet(null);
        try {
            assertThat(afterFailure(new Marked("t1"), new ConcurrencyException("seq 7 taken"))).isFalse();
        } finally {
            outer.rollback();
        }
        assertThat(dispatched).hasValue(0);
    }
}
