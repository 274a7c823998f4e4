package io.p3protocol.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Audit export: {@code GET /api/audit/events} streams NDJSON. Counts records (non-empty lines) and bytes as they
 * arrive, without keeping them; events/s = records ÷ time from sending the request to the end of the stream.
 */
final class ExportBench {
    private final AppClient app;
    private final String path;

    ExportBench(AppClient app, String path) {
        this.app = app;
        this.path = path;
    }

    ObjectNode exportOnce(Duration timeout) throws Exception {
        ObjectNode out = AppClient.JSON.createObjectNode();
        AtomicBoolean timedOut = new AtomicBoolean();
        ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bench-export-watchdog");
            t.setDaemon(true);
            return t;
        });
        long t0 = System.nanoTime();
        try {
            HttpResponse<InputStream> r = app.getStream(path, timeout);
            long tHeaders = System.nanoTime();
            out.put("status", r.statusCode());
            r.headers().firstValue("Content-Type").ifPresent(ct -> out.put("contentType", ct));
            try (InputStream in = r.body()) {
                // The stream read is bounded too: the watchdog closes it at the deadline.
                watchdog.schedule(() -> {
                    timedOut.set(true);
                    try {
                        in.close();
                    } catch (Exception ignored) {
                        // closing is all we can do
                    }
                }, Math.max(1, timeout.toMillis() - (tHeaders - t0) / 1_000_000), TimeUnit.MILLISECONDS);
                if (r.statusCode() != 200) {
                    byte[] head = in.readNBytes(300);
                    throw new IllegalStateException("GET " + path + " answered " + r.statusCode() + ": "
                            + new String(head, StandardCharsets.UTF_8));
                }
                byte[] buf = new byte[1 << 16];
                long bytes = 0;
                long lines = 0;
                boolean lineHasContent = false;
                long tFirstByte = 0;
                ByteArrayOutputStream firstLine = new ByteArrayOutputStream();
                boolean firstLineDone = false;
                int n;
                while ((n = in.read(buf)) > 0) {
                    if (tFirstByte == 0) {
                        tFirstByte = System.nanoTime();
                    }
                    bytes += n;
                    for (int i = 0; i < n; i++) {
                        byte b = buf[i];
                        if (b == '\n') {
                            if (lineHasContent) {
                                lines++;
                            }
                            lineHasContent = false;
                            firstLineDone |= firstLine.size() > 0;
                        } else if (b != '\r' && b != ' ' && b != '\t') {
                            lineHasContent = true;
                            if (!firstLineDone && firstLine.size() < 8192) {
                                firstLine.write(b);
                            }
                        } else if (!firstLineDone && firstLine.size() > 0 && firstLine.size() < 8192) {
                            firstLine.write(b);
                        }
                    }
                }
                if (lineHasContent) {
                    lines++; // last record without a trailing newline
                }
                long tEnd = System.nanoTime();
                if (timedOut.get()) {
                    throw new IllegalStateException("export did not finish within " + timeout.toSeconds() + " s (" + lines + " records read)");
                }
                double seconds = (tEnd - t0) / 1e9;
                out.put("records", lines);
                out.put("bytes", bytes);
                out.put("seconds", seconds);
                out.put("secondsToHeaders", (tHeaders - t0) / 1e9);
                if (tFirstByte != 0) {
                    out.put("secondsToFirstByte", (tFirstByte - t0) / 1e9);
                }
                out.put("eventsPerSecond", lines / seconds);
                out.put("megabytesPerSecond", bytes / 1e6 / seconds);
                describeFirstRecord(firstLine.toString(StandardCharsets.UTF_8), out);
            }
        } finally {
            watchdog.shutdownNow();
        }
        return out;
    }

    /** Records the field names of the first record, so the report shows what was exported (not its values). */
    private static void describeFirstRecord(String line, ObjectNode out) {
        if (line.isEmpty()) {
            return;
        }
        try {
            JsonNode first = AppClient.JSON.readTree(line);
            if (first != null && first.isObject()) {
                var keys = out.putArray("firstRecordFields");
                for (Iterator<String> it = first.fieldNames(); it.hasNext(); ) {
                    keys.add(it.next());
                }
            } else {
                out.put("firstRecordNotAnObject", true);
            }
        } catch (Exception e) {
            out.put("firstRecordNotJson", true);
        }
    }
}
