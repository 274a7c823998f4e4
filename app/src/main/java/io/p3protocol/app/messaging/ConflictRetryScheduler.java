package io.p3protocol.app.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.p3protocol.kernel.messaging.RetriedOnConflict;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.RetryScheduler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Decides a {@link RetriedOnConflict} command again when its append lost a race on the aggregate's sequence number
 * to another node ({@link ConcurrencyException}, or {@link AggregateStreamCreationException} for a command that
 * creates its aggregate if missing). That is the cross-node counterpart of the aggregate lock one node holds while it
 * decides: the attempt was rolled back whole, so deciding again on the fresh state is what waiting for the lock would
 * have done.
 * <p>
 * The retry runs at once in the dispatching thread (after a short random pause, so two nodes do not collide again in
 * step), not on a scheduler thread: the request's thread-bound context (caller, correlation id, log context) is still
 * there, and the caller waiting in {@code sendAndWait} simply gets the later answer. A command dispatched inside
 * another unit of work is never retried here: its events are appended when the outer one commits, which only the
 * outer one's caller can redo. After {@code maxRetries} the last failure goes to the caller (409).
 */
public final class ConflictRetryScheduler implements RetryScheduler {
    /** Each retry waits a random time below this many microseconds times the number of failures so far. */
    private static final long PAUSE_STEP_MICROS = 2_000;

    private final int maxRetries;
    private final MeterRegistry meters;

    public ConflictRetryScheduler(int maxRetries, MeterRegistry meters) {
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must be 0 or more: " + maxRetries);
        }
        this.maxRetries = maxRetries;
        this.meters = meters;
    }

    @Override
    public boolean scheduleRetry(CommandMessage commandMessage, RuntimeException lastFailure,
                                 List<Class<? extends Throwable>[]> failures, Runnable commandDispatch) {
        if (!(commandMessage.getPayload() instanceof RetriedOnConflict) || !lostRace(lastFailure)
                || CurrentUnitOfWork.isStarted()) {
            return false;
        }
        if (failures.size() > maxRetries) {
            count(commandMessage, "gave_up");
            return false;
        }
        try {
            long pauseBound = PAUSE_STEP_MICROS * Math.max(1, failures.size());
            TimeUnit.MICROSECONDS.sleep(ThreadLocalRandom.current().nextLong(pauseBound));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        count(commandMessage, "retried");
        commandDispatch.run();
        return true;
    }

    private static boolean lostRace(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) { // getCause() is never the throwable itself
            if (t instanceof ConcurrencyException || t instanceof AggregateStreamCreationException) {
                return true;
            }
        }
        return false;
    }

    private void count(CommandMessage<?> command, String result) {
        meters.counter("p3.command.conflict.retries", "command", command.getPayloadType().getSimpleName(),
                "result", result).increment();
    }
}
