package io.p3protocol.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Arrays;
import java.util.List;

/**
 * How much of a run's latency tail the app's GC pauses explain: of the requests at or above the run's p99, how many
 * were in flight while the app was stopped for a pause. The rest of the tail waited for something else (on a
 * saturated machine: for a core).
 *
 * @param pauses        pauses that overlapped the run (from its first request's start to its last one's answer)
 * @param pauseMedianMs their median length (NaN without pauses)
 * @param pauseTotalMs  their total length
 * @param tailRequests  requests whose latency was at or above {@code p99Ms}
 * @param tailInPause   of those, the ones in flight during a pause
 * @param p99ClearMs    the p99 (nearest rank) of the requests that met no pause: what the run's tail is without the
 *                      requests a pause touched (NaN if every request met one)
 */
record TailInPauses(int pauses, double pauseMedianMs, double pauseTotalMs, long tailRequests, long tailInPause,
                    double p99ClearMs) {

    static TailInPauses of(LoadRunner.Timings timings, double p99Ms, List<GcPauses.Pause> allPauses) {
        double runStart = Double.MAX_VALUE;
        double runEnd = -Double.MAX_VALUE;
        for (int i = 0; i < timings.count(); i++) {
            double start = timings.requestStartEpochMillis(i);
            runStart = Math.min(runStart, start);
            runEnd = Math.max(runEnd, start + timings.latencyNanos()[i] / 1e6);
        }
        double from = runStart;
        double to = runEnd;
        List<GcPauses.Pause> pauses = allPauses.stream().filter(p -> p.overlaps(from, to)).toList();
        long tail = 0;
        long inPause = 0;
        long[] clear = new long[timings.count()];
        int clearCount = 0;
        for (int i = 0; i < timings.count(); i++) {
            double latencyMs = timings.latencyNanos()[i] / 1e6;
            double start = timings.requestStartEpochMillis(i);
            boolean metPause = pauses.stream().anyMatch(p -> p.overlaps(start, start + latencyMs));
            if (!metPause) {
                clear[clearCount++] = timings.latencyNanos()[i];
            }
            if (latencyMs >= p99Ms) {
                tail++;
                inPause += metPause ? 1 : 0;
            }
        }
        double p99Clear = clearCount == 0 ? Double.NaN
                : Percentiles.summarizeNanos(Arrays.copyOf(clear, clearCount)).p99Ms();
        double[] lengths = pauses.stream().mapToDouble(GcPauses.Pause::millis).toArray();
        return new TailInPauses(pauses.size(), Report.median(lengths), Arrays.stream(lengths).sum(), tail, inPause,
                p99Clear);
    }

    ObjectNode toJson() {
        ObjectNode o = AppClient.JSON.createObjectNode();
        o.put("pauses", pauses);
        Report.putNum(o, "pauseMedianMs", pauseMedianMs);
        Report.putNum(o, "pauseTotalMs", pauseTotalMs);
        o.put("tailRequests", tailRequests);
        o.put("tailInPause", tailInPause);
        Report.putNum(o, "p99ClearMs", p99ClearMs);
        return o;
    }
}
