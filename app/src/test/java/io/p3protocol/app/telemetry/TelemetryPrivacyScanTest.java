package io.p3protocol.app.telemetry;

import io.p3protocol.app.support.IntegrationTest;
import io.p3protocol.app.support.TestApi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The raw client address and User-Agent are stored nowhere: after ingesting with distinctive values and letting
 * every processor catch up, no column of any table (as text, and for binary columns also as bytes) and no line
 * of the captured application log contains either.
 */
@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class TelemetryPrivacyScanTest {
    private static final String IP = "198.18.213.47";
    private static final String IPV6 = "2001:db8:77:5ca::9";
    private static final String USER_AGENT = "P3PrivacyCanary/7.3.1 (canary-ua-8f3e2a)";
    private static final String SESSION = "canary-session-61d0";

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void neitherTheRawIpNorTheUserAgentIsInAnyTableOrTheLog(CapturedOutput log) {
        TelemetryApi telemetry = new TelemetryApi(new TestApi(port));
        String[] t = telemetry.tenantWithKey("telemetry-privacy-scan");
        telemetry.ingest(t[1], "{\"events\":[{\"eventType\":\"page_view\",\"sessionId\":\"" + SESSION + "\"},"
                + "{\"eventType\":\"error\"}]}", IP + ", 10.9.9.9", USER_AGENT);
        telemetry.ingest(t[1], "{\"eventType\":\"click\",\"sessionId\":\"" + SESSION + "\"}", IPV6, USER_AGENT);
        // a refused request too: its problem answer and log lines must not echo the header values either
        assertThat(telemetry.post(t[1], "{\"eventType\":\"nope\"}", IP, USER_AGENT).status()).isEqualTo(400);
        telemetry.awaitGraphQl(t[1], "query($s: String!) { telemetrySession(sessionId: $s) { events } }",
                Map.of("s", SESSION), r -> r.at("/data/telemetrySession/events").asLong() == 2);
        awaitSealed(t[0], 5); // tenant created, key issued, three telemetry events

        // the scan can see what is there: the session id the client chose is found in the store and read model
        assertThat(tablesContaining(SESSION)).contains("domainevententry.payload", "telemetry_session.session_id");
        assertThat(log.getAll()).contains("POST /api/telemetry 201", "POST /api/telemetry 400");
        for (String needle : List.of(IP, "198.18.213", IPV6, "2001:db8:77:5ca:0:0:0:9", USER_AGENT,
                "P3PrivacyCanary", "canary-ua-8f3e2a")) {
            assertThat(tablesContaining(needle)).as("columns containing '%s'", needle).isEmpty();
            assertThat(log.getAll()).as("the log").doesNotContain(needle);
        }
    }

    private void awaitSealed(String tenant, int events) {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (jdbc.queryForObject("SELECT count(*) FROM audit_chain WHERE tenant_id = ?", Integer.class, tenant)
                < events) {
            assertThat(System.nanoTime()).as("audit chain sealed in time").isLessThan(deadline);
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** Every {@code table.column} of the database's own tables whose value contains {@code needle}. */
    private List<String> tablesContaining(String needle) {
        List<Map<String, Object>> columns = jdbc.queryForList("""
                SELECT c.table_name, c.column_name, c.data_type FROM information_schema.columns c
                JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
                WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
                ORDER BY c.table_name, c.ordinal_position""");
        assertThat(columns).as("tables to scan").hasSizeGreaterThan(50);
        List<String> found = new ArrayList<>();
        for (Map<String, Object> column : columns) {
            String table = quote((String) column.get("table_name"));
            String name = quote((String) column.get("column_name"));
            String where = "position(lower(?) in lower(CAST(" + name + " AS TEXT))) > 0";
            Object[] args = {needle};
            if ("bytea".equals(column.get("data_type"))) {
                // bytea as text is hex; the bytes themselves are searched too
                where = "(" + where + " OR position(convert_to(?, 'UTF8') in " + name + ") > 0)";
                args = new Object[]{needle, needle};
            }
            Boolean hit = jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM " + table + " WHERE " + where + ")",
                    Boolean.class, args);
            if (Boolean.TRUE.equals(hit)) {
                found.add(column.get("table_name") + "." + column.get("column_name"));
            }
        }
        return found;
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
