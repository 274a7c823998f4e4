package io.p3protocol.projection.support;

import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.SimpleTransactionStatus;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventSavepointsTest {
    private static final String GROUP = "some-views";

    private final SavepointRecorder transactions = new SavepointRecorder();
    private final MutableClock clock = new MutableClock();
    private final EventSavepoints savepoints = new EventSavepoints(transactions, clock);

    @Test
    void aGroupWhoseBatchesNeverFailedRunsItsEventsWithoutSavepoints() throws Exception {
        inBatch(() -> savepoints.around(GROUP, succeeding()));

        assertThat(transactions.savepoints).isEmpty();
    }

    @Test
    void afterABatchRolledBackTheGroupsEventsRunInSavepoints() throws Exception {
        rollBackABatch(GROUP);

        inBatch(() -> savepoints.around(GROUP, succeeding()));

        assertThat(transactions.savepoints).containsExactly("released");
    }

    @Test
    void aRollbackPutsOnlyItsOwnGroupInSafeMode() throws Exception {
        rollBackABatch("other-views");

        inBatch(() -> savepoints.around(GROUP, succeeding()));

        assertThat(transactions.savepoints).isEmpty();
    }

    @Test
    void safeModeEndsWhenNoBatchRolledBackForItsDuration() throws Exception {
        rollBackABatch(GROUP);
        clock.advance(EventSavepoints.SAFE_MODE.plusSeconds(1));

        inBatch(() -> savepoints.around(GROUP, succeeding()));

        assertThat(transactions.savepoints).isEmpty();
    }

    @Test
    void aFailingEventInSafeModeRollsBackToItsSavepointAndItsFailureReachesTheDeadLetterQueue() throws Exception {
        rollBackABatch(GROUP);

        inBatch(() -> {
            assertThatThrownBy(() -> savepoints.around(GROUP, () -> {
                throw new IllegalStateException("bad event");
            })).hasMessage("bad event");
            return null;
        });

        assertThat(transactions.savepoints).containsExactly("rolled back");
    }

    @Test
    void aDeadLetterRetryAlwaysRunsInASavepoint() throws Exception {
        UnitOfWork<?> retry = DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("event"));
        retry.resources().put(DeadLetter.class.getName(), "the letter");
        try {
            savepoints.around(GROUP, succeeding());
        } finally {
            retry.commit();
        }

        assertThat(transactions.savepoints).containsExactly("released");
    }

    private void rollBackABatch(String group) {
        UnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("event"));
        try {
            savepoints.around(group, succeeding());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        batch.rollback(new IllegalStateException("statement failed; transaction aborted"));
        transactions.savepoints.clear();
    }

    private static void inBatch(InterceptorChain work) throws Exception {
        UnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("event"));
        try {
            work.proceed();
        } finally {
            batch.commit();
        }
    }

    private static InterceptorChain succeeding() {
        return () -> "handled";
    }

    /** Records what happened to each nested transaction (savepoint); the outer transaction is not modelled. */
    private static final class SavepointRecorder implements PlatformTransactionManager {
        final List<String> savepoints = new ArrayList<>();

        @Override
        public TransactionStatus getTransaction(TransactionDefinition definition) {
            assertThat(definition.getPropagationBehavior()).isEqualTo(TransactionDefinition.PROPAGATION_NESTED);
            return new SimpleTransactionStatus();
        }

        @Override
        public void commit(TransactionStatus status) {
            savepoints.add(status.isRollbackOnly() ? "rolled back" : "released");
        }

        @Override
        public void rollback(TransactionStatus status) {
            savepoints.add("rolled back");
        }
    }

    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-11-24T00:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
