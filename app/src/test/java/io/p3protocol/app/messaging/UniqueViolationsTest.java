package io.p3protocol.app.messaging;

import org.junit.jupiter.api.Test;

import java.sql.BatchUpdateException;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

class UniqueViolationsTest {
    private final UniqueViolations resolver = new UniqueViolations();

    @Test
    void aUniqueViolationInTheCauseChainIsADuplicateKey() {
        SQLException unique = new SQLException("duplicate key value violates unique constraint", "23505");

        assertThat(resolver.isDuplicateKeyViolation(new RuntimeException("append failed", unique))).isTrue();
    }

    @Test
    void aUniqueViolationCarriedAsABatchsNextExceptionIsADuplicateKey() {
        // How the PostgreSQL driver reports a failed batch: the batch aborted, the reason in its next exception.
        BatchUpdateException batch = new BatchUpdateException("Batch entry 0 was aborted", null, new int[0]);
        batch.setNextException(new SQLException("duplicate key value violates unique constraint", "23505"));

        assertThat(resolver.isDuplicateKeyViolation(new RuntimeException(batch))).isTrue();
    }

    @Test
    void otherFailuresAreNotDuplicateKeys() {
        SQLException lost = new SQLException("connection lost", "08006");
        lost.setNextException(new SQLException("not null violation", "23502"));

        assertThat(resolver.isDuplicateKeyViolation(new RuntimeException(lost))).isFalse();
        assertThat(resolver.isDuplicateKeyViolation(new IllegalStateException("no SQL at all"))).isFalse();
    }
}
