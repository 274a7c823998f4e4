package io.p3protocol.app.messaging;

import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.ReadEventDataWithGapsStatementBuilder;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * The event-stream read of a token with gaps: the same rows, order and plan as Axon's default
 * ({@code JdbcEventStorageEngineStatements.readEventDataWithGaps}), with the gaps passed as one array
 * ({@code globalIndex = ANY (?)}) instead of an {@code IN (?, ?, ...)} list with one placeholder per gap.
 * <p>
 * Why: with a placeholder per gap, every gap count is a different SQL text. Under concurrent appends the count
 * changes from read to read, so the driver kept meeting "new" statements: each was run unprepared (PostgreSQL's
 * text format, so every payload and metadata {@code bytea} came back hex-encoded and was decoded in Java), and the
 * stream of one-off texts pushed the app's other statements out of the driver's per-connection statement cache,
 * which then ran unprepared too. One text is prepared once per connection and read in binary.
 * (PostgreSQL itself turns an {@code IN} list into {@code = ANY (ARRAY[...])}, so the plan is the same.)
 */
final class GapsAsArrayStatement implements ReadEventDataWithGapsStatementBuilder {

    @Override
    public PreparedStatement build(Connection connection, EventSchema schema, long globalIndex, int batchSize,
                                   List<Long> gaps) throws SQLException {
        String sql = "SELECT " + schema.trackedEventFields() + " FROM " + schema.domainEventTable()
                + " WHERE (" + schema.globalIndexColumn() + " > ? AND " + schema.globalIndexColumn() + " <= ?)"
                + " OR " + schema.globalIndexColumn() + " = ANY (?)"
                + " ORDER BY " + schema.globalIndexColumn() + " ASC";
        PreparedStatement statement = connection.prepareStatement(sql);
        statement.setLong(1, globalIndex);
        statement.setLong(2, globalIndex + batchSize);
        statement.setArray(3, connection.createArrayOf("bigint", gaps.toArray()));
        return statement;
    }
}
