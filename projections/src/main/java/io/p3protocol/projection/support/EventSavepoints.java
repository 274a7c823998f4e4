package io.p3protocol.projection.support;

import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs one event's handler inside a savepoint of the processor's batch transaction, once a batch of that
 * processing group has failed.
 * <p>
 * Why savepoints: on PostgreSQL a failed statement aborts the whole transaction, so without a savepoint one bad
 * event would fail its whole batch, the dead-letter queue could not even record it, and the processor would retry
 * the batch forever. With the savepoint, only that event's writes roll back; Axon's dead-letter queue records it in
 * the still healthy transaction and the rest of the batch commits.
 * <p>
 * Why only after a failure: a savepoint costs two round trips per event ({@code SAVEPOINT}, {@code RELEASE}), which
 * was about a sixth of a projection replay's time, and almost every batch never needs one. So a group runs without
 * them until one of its batches rolls back; the processor then retries that batch (as it retries any failed batch),
 * and for {@link #SAFE_MODE} after the last rollback every event of the group gets its savepoint again, so the
 * retry isolates the bad event and dead-letters it alone. The cost of a failure is one extra attempt of its batch.
 * Retries of dead letters always run in savepoints.
 * Projections opt in with a {@code @MessageHandlerInterceptor} that calls {@link #around(String, InterceptorChain)}.
 */
@Component
public class EventSavepoints {
    /** How long a processing group keeps per-event savepoints after one of its batches rolled back. */
    public static final Duration SAFE_MODE = Duration.ofMinutes(5);
    private static final String ROLLBACK_WATCH = EventSavepoints.class.getName() + ".rollbackWatch.";

    private final TransactionTemplate nested;
    private final Clock clock;
    private final Map<String, Instant> safeModeUntil = new ConcurrentHashMap<>();

    @Autowired
    public EventSavepoints(PlatformTransactionManager transactionManager) {
        this(transactionManager, Clock.systemUTC());
    }

    EventSavepoints(PlatformTransactionManager transactionManager, Clock clock) {
        this.nested = new TransactionTemplate(transactionManager);
        this.nested.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.clock = clock;
    }

    public Object around(String processingGroup, InterceptorChain chain) throws Exception {
        watchForRollback(processingGroup);
        if (!inSafeMode(processingGroup) && !retryingDeadLetter()) {
            return chain.proceed();
        }
        Exception[] failure = new Exception[1];
        Object result = nested.execute(status -> {
            try {
                return chain.proceed();
            } catch (Exception e) {
                status.setRollbackOnly(); // back to the savepoint only
                failure[0] = e;
                return null;
            }
        });
        if (failure[0] != null) {
            throw failure[0];
        }
        return result;
    }

    /** Whether the group's events currently run in savepoints (after a recent rollback of one of its batches). */
    public boolean inSafeMode(String processingGroup) {
        Instant until = safeModeUntil.get(processingGroup);
        return until != null && clock.instant().isBefore(until);
    }

    /**
     * A retry of a dead letter runs in its own transaction, in which the queue then records the outcome (requeued or
     * done): a failing retry must not abort it, so retries always get their savepoint.
     */
    static boolean retryingDeadLetter() {
        return CurrentUnitOfWork.isStarted()
                && CurrentUnitOfWork.get().resources().containsKey(DeadLetter.class.getName());
    }

    /** Puts the group in safe mode when the batch running this event rolls back (once per batch). */
    private void watchForRollback(String processingGroup) {
        if (!CurrentUnitOfWork.isStarted()) {
            return;
        }
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        if (batch.resources().putIfAbsent(ROLLBACK_WATCH + processingGroup, Boolean.TRUE) == null) {
            batch.onRollback(rolledBack -> safeModeUntil.put(processingGroup, clock.instant().plus(SAFE_MODE)));
        }
    }
}
