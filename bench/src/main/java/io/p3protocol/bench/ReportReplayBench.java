package io.p3protocol.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;

/**
 * Replay into a report projection: {@code GET /api/reports/{report}?asOf=T} (platform admin, every tenant) replays
 * the event store from its first event up to T into a fresh report projection. Scanned events = the events stored
 * at or before T (counted read-only in the database); events/s = scanned ÷ time from sending the request to the
 * complete answer. The report also says how many of them its projection handled ({@code eventsApplied}).
 */
final class ReportReplayBench {
    private final AppClient admin;
    private final EventStore store;

    ReportReplayBench(AppClient admin, EventStore store) {
        this.admin = admin;
        this.store = store;
    }

    ObjectNode replayOnce(String report) throws Exception {
        Instant asOf = Instant.now();
        Thread.sleep(5); // T strictly before anything stored from now on, at the store's millisecond precision
        long scanned = store.countUpTo(asOf);
        String path = "/api/reports/" + report + "?asOf=" + URLEncoder.encode(asOf.toString(), StandardCharsets.UTF_8);
        long start = System.nanoTime();
        HttpResponse<String> answer = admin.get(path);
        double seconds = (System.nanoTime() - start) / 1e9;
        AppClient.expect(answer, 200, path);
        JsonNode body = AppClient.JSON.readTree(answer.body());
        ObjectNode r = AppClient.JSON.createObjectNode();
        r.put("report", report);
        r.put("asOf", asOf.toString());
        r.put("eventsScanned", scanned);
        r.put("eventsApplied", body.path("eventsApplied").asLong());
        r.put("seconds", seconds);
        Report.putNum(r, "eventsPerSecond", scanned / seconds);
        Report.putNum(r, "appliedPerSecond", body.path("eventsApplied").asLong() / seconds);
        BenchMain.log(String.format(Locale.ROOT, "  %s: %d events scanned (%d applied) in %.2f s = %.0f events/s", report,
                scanned, body.path("eventsApplied").asLong(), seconds, scanned / seconds));
        return r;
    }
}
