package io.p3protocol.app.messaging;

import org.axonframework.common.jdbc.PersistenceExceptionResolver;

import java.sql.SQLException;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Tells the event store that an append collided with an event already stored (PostgreSQL's {@code unique_violation},
 * SQLState 23505), so Axon answers {@code ConcurrencyException} (409) rather than a bare {@code EventStoreException}
 * (500). Axon's default ({@code JdbcSQLErrorCodesResolver}) looks only for {@code SQLIntegrityConstraintViolationException},
 * which the PostgreSQL driver never throws; and an append goes as a JDBC batch, whose failure carries the violation in
 * the batch's next exception, not in its cause.
 */
final class UniqueViolations implements PersistenceExceptionResolver {
    static final String UNIQUE_VIOLATION = "23505";

    @Override
    public boolean isDuplicateKeyViolation(Exception exception) {
        return anyUniqueViolation(exception, new IdentityHashMap<>());
    }

    private static boolean anyUniqueViolation(Throwable t, Map<Throwable, Boolean> seen) {
        if (t == null || seen.put(t, Boolean.TRUE) != null) {
            return false;
        }
        if (t instanceof SQLException sql) {
            if (UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
            if (anyUniqueViolation(sql.getNextException(), seen)) {
                return true;
            }
        }
        return anyUniqueViolation(t.getCause(), seen);
    }
}
