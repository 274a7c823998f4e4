package io.p3protocol.command.audit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;

import static org.assertj.core.api.Assertions.assertThat;

/** A scheduled cut after the application context closed is not tried, so an ordinary shutdown logs no error. */
@ExtendWith(OutputCaptureExtension.class)
class AuditCheckpointerShutdownTest {
    /** With the JdbcTemplate that has no DataSource: a database that is gone, so every cut that is tried fails. */
    private static final PlatformTransactionManager GONE = new PlatformTransactionManager() {
        @Override
        public TransactionStatus getTransaction(TransactionDefinition definition) {
            throw new IllegalStateException("database gone");
        }

        @Override
        public void commit(TransactionStatus status) {
        }

        @Override
        public void rollback(TransactionStatus status) {
        }
    };

    private final AuditCheckpointer checkpointer =
            new AuditCheckpointer(new JdbcTemplate(), GONE, null, null, 1000, 10);

    @Test
    void aFailedScheduledCutWhileRunningIsLoggedAsAnError(CapturedOutput output) {
        checkpointer.cutWhenDue();

        assertThat(output).contains("ERROR").contains("Audit checkpoint not cut: No DataSource set");
    }

    @Test
    void onceTheContextClosesAScheduledCutIsNotTried(CapturedOutput output) {
        checkpointer.stopCutting();

        checkpointer.cutWhenDue();

        assertThat(output).doesNotContain("Audit checkpoint not cut");
    }
}
