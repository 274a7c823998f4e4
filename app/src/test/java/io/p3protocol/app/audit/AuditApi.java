package io.p3protocol.app.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.p3protocol.app.support.TestApi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Audit endpoints over real HTTP, for the audit integration tests. */
public final class AuditApi {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TestApi api;

    public AuditApi(TestApi api) {
        this.api = api;
    }

    TestApi.Response export(String query, String key) {
        return api.get("/api/audit/events" + query, key);
    }

    /** {@code GET /api/audit/integrity} with {@code key}; fails the test unless it answered 200. */
    JsonNode integrity(String key) {
        TestApi.Response response = api.get("/api/audit/integrity", key);
        if (response.status() != 200) {
            throw new AssertionError("integrity failed: " + response);
        }
        return response.json();
    }

    /** The NDJSON export's records, parsed; fails the test unless the export answered 200. */
    public List<JsonNode> records(String query, String key) {
        TestApi.Response response = export(query, key);
        if (response.status() != 200) {
            throw new AssertionError("export failed: " + response);
        }
        List<JsonNode> records = new ArrayList<>();
        for (String line : response.body().split("\n")) {
            if (!line.isBlank()) {
                try {
                    records.add(JSON.readTree(line));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return records;
    }

    /**
     * A tenant with four sealed events: created, renamed, and a key issue (recorded in the tenant's and in the key's
     * stream). The pauses give the events distinct millisecond timestamps, for the time-window filter.
     */
    String tenantWithFourEvents(String name) {
        String tenant = api.createTenant(name);
        sleep(5);
        assertThat(api.post("/api/tenants/" + tenant + "/rename", TestApi.ADMIN_KEY, Map.of("name", name + "-renamed"))
                .status()).isEqualTo(200);
        sleep(5);
        api.issueKey(tenant, "admin");
        awaitSealed(tenant, 4);
        return tenant;
    }

    /** Polls the tenant's export until the audit-chain processor has sealed {@code count} records (10 s at most). */
    List<JsonNode> awaitSealed(String tenantId, int count) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (true) {
            List<JsonNode> records = records("?tenantId=" + tenantId, TestApi.ADMIN_KEY);
            if (records.size() >= count) {
                return records;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("only " + records.size() + " of " + count + " events of tenant " + tenantId
                        + " were sealed within 10 s");
            }
            sleep(50);
        }
    }

    TestApi.Response verify(String ndjson, String query, String key) {
        return api.send(HttpRequest.newBuilder(URI.create(api.base() + "/api/audit/verify" + query))
                .header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofString(ndjson)), key);
    }

    static JsonNode only(List<JsonNode> records, String type) {
        return records.stream().filter(r -> type.equals(r.get("type").asText())).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type + " in " + records));
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
