package io.p3protocol.projection.eventstore;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.PreparedStatementCreator;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

/**
 * Streams a query's rows in constant memory from one consistent snapshot. The PostgreSQL driver only uses a
 * server-side cursor when autocommit is off, the result set is forward-only and a fetch size is set; then it holds
 * {@link #FETCH_SIZE} rows at a time instead of the whole result. Each stream runs in its own read-only
 * REPEATABLE READ transaction, so it sees the store as of its first read while commands keep appending.
 */
@Component
public class SnapshotCursor {
    /** Rows per round trip: large enough to amortize latency, small enough to keep memory flat. */
    public static final int FETCH_SIZE = 500;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate snapshot;

    public SnapshotCursor(DataSource dataSource, PlatformTransactionManager transactions) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setFetchSize(FETCH_SIZE);
        this.snapshot = new TransactionTemplate(transactions);
        this.snapshot.setReadOnly(true);
        this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.snapshot.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** Runs {@code sql} with {@code args} and hands every row, in order, to {@code rows}. */
    public void stream(String sql, Object[] args, RowCallbackHandler rows) {
        PreparedStatementCreator statement = connection -> {
            PreparedStatement ps = connection.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY,
                    ResultSet.CONCUR_READ_ONLY);
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            return ps;
        };
        snapshot.executeWithoutResult(status -> jdbc.query(statement, rows));
    }
}
