package io.p3protocol.app.messaging;

import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.function.Supplier;

/**
 * The event store's transaction manager: writes in a transaction as before, reads in the caller's transaction when it
 * has one (an aggregate loaded by a command) and otherwise as plain statements, without one of their own.
 * <p>
 * Axon wraps every read of the event store in a transaction. For the embedded event store's producer, which reads
 * after every commit, that was a {@code BEGIN} and a {@code COMMIT} around one or two queries: the commit a round trip
 * of its own, and most of the statements PostgreSQL ran per command at one client after the page query itself.
 * PostgreSQL's default isolation, READ COMMITTED, gives each statement of a transaction a fresh snapshot anyway, so the
 * queries see what they saw before; the reads change nothing, so there is nothing to commit or roll back.
 */
final class ReadsOutsideTransactions implements TransactionManager {
    private final TransactionManager transactions;

    ReadsOutsideTransactions(TransactionManager transactions) {
        this.transactions = transactions;
    }

    @Override
    public Transaction startTransaction() {
        return transactions.startTransaction();
    }

    @Override
    public void executeInTransaction(Runnable task) {
        transactions.executeInTransaction(task);
    }

    @Override
    public <T> T fetchInTransaction(Supplier<T> read) {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            return transactions.fetchInTransaction(read);
        }
        return read.get();
    }
}
