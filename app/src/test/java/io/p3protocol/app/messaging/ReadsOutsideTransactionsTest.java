package io.p3protocol.app.messaging;

import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReadsOutsideTransactionsTest {
    /** Records what was asked of it: "start", "commit", "rollback". */
    static final class RecordingTransactions implements TransactionManager {
        final List<String> calls = new ArrayList<>();

        @Override
        public Transaction startTransaction() {
            calls.add("start");
            return new Transaction() {
                @Override
                public void commit() {
                    calls.add("commit");
                }

                @Override
                public void rollback() {
                    calls.add("rollback");
                }
            };
        }
    }

    private final RecordingTransactions spring = new RecordingTransactions();
    private final ReadsOutsideTransactions transactions = new ReadsOutsideTransactions(spring);

    @AfterEach
    void noTransactionLeftActive() {
        TransactionSynchronizationManager.setActualTransactionActive(false);
    }

    @Test
    void aReadWithoutACallersTransactionStartsNone() {
        assertThat(transactions.fetchInTransaction(() -> 42)).isEqualTo(42);

        assertThat(spring.calls).isEmpty();
    }

    @Test
    void aReadInsideACallersTransactionGoesThroughTheTransactionManager() {
        TransactionSynchronizationManager.setActualTransactionActive(true);

        assertThat(transactions.fetchInTransaction(() -> 42)).isEqualTo(42);

        assertThat(spring.calls).containsExactly("start", "commit");
    }

    @Test
    void aWriteAlwaysRunsInATransaction() {
        List<String> ran = new ArrayList<>();

        transactions.executeInTransaction(() -> ran.add("append"));

        assertThat(ran).containsExactly("append");
        assertThat(spring.calls).containsExactly("start", "commit");
    }

    @Test
    void startingATransactionIsTheTransactionManagers() {
        transactions.startTransaction().rollback();

        assertThat(spring.calls).containsExactly("start", "rollback");
    }
}
