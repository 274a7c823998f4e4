package io.p3protocol.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The app's stop-the-world pauses, read from its JVM log as {@code bench/run.sh} asks for it:
 * {@code -Xlog:gc:file=app-gc.log:utctime}. A pause is a line with the word {@code Pause} that ends in its length,
 * e.g. {@code [2026-11-24T22:23:57.785+0000] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 19M->7M(388M) 6.845ms}
 * (G1, Parallel, Serial and Shenandoah all write them so; concurrent phases say no {@code Pause} and are not pauses).
 * The time stamp is when the line was written, i.e. when the pause ended.
 */
final class GcPauses {
    private static final Pattern PAUSE = Pattern.compile("^\\[([^\\]]+)\\].*\\bPause\\b.*\\s(\\d+(?:\\.\\d+)?)ms\\s*$");
    private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

    /** One pause: the wall-clock instant it ended, in epoch milliseconds, and its length. */
    record Pause(double endEpochMillis, double millis) {
        double startEpochMillis() {
            return endEpochMillis - millis;
        }

        /** True if the pause and the interval [from, to] (epoch milliseconds) share any moment. */
        boolean overlaps(double from, double to) {
            return startEpochMillis() < to && endEpochMillis > from;
        }
    }

    private GcPauses() {
    }

    static List<Pause> read(Path log) throws IOException {
        return parse(Files.readAllLines(log, StandardCharsets.UTF_8));
    }

    /** The pauses among {@code lines}; other lines (and lines without a parseable time stamp) are skipped. */
    static List<Pause> parse(List<String> lines) {
        List<Pause> pauses = new ArrayList<>();
        for (String line : lines) {
            Matcher m = PAUSE.matcher(line);
            if (!m.matches()) {
                continue;
            }
            try {
                double end = OffsetDateTime.parse(m.group(1), UTC_TIME).toInstant().toEpochMilli();
                pauses.add(new Pause(end, Double.parseDouble(m.group(2))));
            } catch (DateTimeParseException e) {
                // a decoration other than utctime: no wall-clock time to place the pause at
            }
        }
        return pauses;
    }
}
