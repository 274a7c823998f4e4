package io.p3protocol.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * Read-only look at the app's event store, used only to count: how many events exist (seeding target, replay and
 * export denominators) and the highest global index. It never writes; events are only ever made through the API.
 */
final class EventStore {
    private final String url;
    private final Properties props = new Properties();
    private final String table;

    EventStore(String jdbcUrl, String user, String password, String table) {
        this.url = Loopback.requireLoopbackJdbc(jdbcUrl);
        if (!table.matches("[A-Za-z_][A-Za-z0-9_.]*")) {
            throw new IllegalArgumentException("bad table name: " + table);
        }
        this.table = table;
        props.setProperty("user", user);
        if (password != null) {
            props.setProperty("password", password);
        }
        props.setProperty("readOnly", "true");
        props.setProperty("connectTimeout", "10");
        props.setProperty("socketTimeout", "300");
        props.setProperty("ApplicationName", "p3-bench-counter");
    }

    record Counts(long events, long maxGlobalIndex) {
    }

    Counts counts() throws SQLException {
        try (Connection c = DriverManager.getConnection(url, props);
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*), coalesce(max(globalindex), 0) FROM " + table)) {
            rs.next();
            return new Counts(rs.getLong(1), rs.getLong(2));
        }
    }

    /** Events stored at or before {@code asOf} (the store's timestamps are ISO-8601 UTC text, millisecond precision). */
    long countUpTo(java.time.Instant asOf) throws SQLException {
        String bound = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
                .withZone(java.time.ZoneOffset.UTC).format(asOf);
        try (Connection c = DriverManager.getConnection(url, props);
             java.sql.PreparedStatement st = c.prepareStatement("SELECT count(*) FROM " + table + " WHERE timestamp <= ?")) {
            st.setString(1, bound);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
