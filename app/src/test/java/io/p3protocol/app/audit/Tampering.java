package io.p3protocol.app.audit;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Changes one row the way an attacker with superuser rights would: past the append-only triggers
 * ({@code session_replication_role = replica} for that one transaction only).
 */
public final class Tampering {
    private final DataSource dataSource;

    public Tampering(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Runs {@code sql}, which must change exactly one row, with the triggers off. */
    public void bypassingTriggers(String sql, Object... args) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (Statement set = connection.createStatement()) {
                set.execute("SET LOCAL session_replication_role = replica");
            }
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (int i = 0; i < args.length; i++) {
                    statement.setObject(i + 1, args[i]);
                }
                assertThat(statement.executeUpdate()).isEqualTo(1);
            }
            connection.commit();
        }
    }
}
