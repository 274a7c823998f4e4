package io.p3protocol.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Projection replay: wait until the processor is caught up, trigger {@code POST /actuator/processors/{name}/replay},
 * then poll {@code GET /actuator/processors/{name}} until no segment is replaying. events/s = events in the store when the
 * replay was triggered ÷ time from the trigger request to the first poll that saw the replay finished.
 */
final class ReplayBench {
    private static final long POLL_MS = 50;

    private final AppClient app;
    private final String processor;
    private final EventStore store; // may be null: then the reset position stands in for the event count

    ReplayBench(AppClient app, String processor, EventStore store) {
        this.app = app;
        this.processor = processor;
        this.store = store;
    }

    /**
     * Reads only this processor's status: polled every 50 ms, the report of every processor (their dead-letter
     * queues included) cost the app more database round trips than the replay being measured waited for.
     */
    private ProcessorStatus status() throws Exception {
        String path = "/actuator/processors/" + processor;
        HttpResponse<String> r = app.get(path);
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + r.statusCode() + ": " + AppClient.abbreviate(r.body()));
        }
        Optional<ProcessorStatus> p = ProcessorStatusParser.find(r.body(), processor);
        return p.orElseThrow(() -> new IllegalStateException("processor " + processor + " not in: " + AppClient.abbreviate(r.body())));
    }

    /**
     * Waits (bounded) until the processor is not replaying and has processed everything in the store. Gives up early
     * when no segment position has moved for {@code stallTimeout} while it is behind.
     */
    void awaitCaughtUp(Duration timeout, Duration stallTimeout) throws Exception {
        long until = System.nanoTime() + timeout.toNanos();
        OptionalLong previous = OptionalLong.empty();
        int stable = 0;
        Stall stall = new Stall(stallTimeout);
        while (System.nanoTime() < until) {
            ProcessorStatus s = status();
            if (stall.stuck(s)) {
                throw new IllegalStateException("processor " + processor + " is not catching up: no progress for "
                        + stallTimeout.toSeconds() + " s (" + s.summary() + ")");
            }
            long head = store != null ? store.counts().maxGlobalIndex() : -1;
            boolean idle = !s.replayInProgress(); // a stale replaying flag at the reset position counts as idle
            boolean lagOk = s.lag().isEmpty() || s.lag().getAsLong() == 0;
            OptionalLong pos = s.minPosition();
            boolean posOk;
            if (s.lag().isPresent()) {
                posOk = true; // the endpoint computes the lag itself: trust it
            } else if (head >= 0 && pos.isPresent()) {
                posOk = pos.getAsLong() >= head;
            } else { // nothing to compare with: wait for the position to stand still for a second
                stable = pos.equals(previous) ? stable + 1 : 0;
                posOk = stable >= 1000 / POLL_MS;
            }
            previous = pos;
            if (idle && lagOk && posOk) {
                return;
            }
            Thread.sleep(POLL_MS);
        }
        throw new IllegalStateException("processor " + processor + " did not catch up within " + timeout.toSeconds() + " s");
    }

    /** Watches the segment positions; "stuck" once they have not changed for the timeout. */
    private static final class Stall {
        private final long timeoutNanos;
        private java.util.List<Long> last;
        private long since = System.nanoTime();

        Stall(Duration timeout) {
            this.timeoutNanos = timeout.toNanos();
        }

        boolean stuck(ProcessorStatus s) {
            java.util.List<Long> now = s.positions();
            if (!now.equals(last)) {
                last = now;
                since = System.nanoTime();
                return false;
            }
            return System.nanoTime() - since > timeoutNanos;
        }
    }

    /** One replay; fills {@code out} as it goes, so what was learnt survives a failure. */
    void replayOnce(ObjectNode out, Duration timeout, Duration observeTimeout, Duration stallTimeout) throws Exception {
        try {
            awaitCaughtUp(Duration.ofMinutes(10), stallTimeout);
        } catch (IllegalStateException e) {
            // Recorded, and the replay is still tried: it starts from the first event whatever the current positions.
            out.put("catchUpBeforeReplay", e.getMessage());
            System.err.println("[bench] " + e.getMessage() + " -- triggering the replay anyway");
        }
        EventStore.Counts counts = store != null ? store.counts() : null;
        if (counts != null) {
            out.put("eventsInStore", counts.events());
            out.put("maxGlobalIndex", counts.maxGlobalIndex());
        }
        long t0 = System.nanoTime();
        HttpResponse<String> trigger = app.post("/actuator/processors/" + processor + "/replay");
        out.put("triggerStatus", trigger.statusCode());
        if (trigger.statusCode() / 100 != 2) {
            throw new IllegalStateException("replay trigger answered " + trigger.statusCode() + ": " + AppClient.abbreviate(trigger.body()));
        }
        ArrayNode progress = out.putArray("progress"); // [seconds since trigger, position of each segment (-1: none)], ~1/s
        boolean sawReplay = false;
        long lastSample = -1;
        OptionalLong resetPosition = OptionalLong.empty();
        String endedBy = null;
        long tEnd = 0;
        long deadline = t0 + timeout.toNanos();
        Stall stall = new Stall(stallTimeout);
        while (System.nanoTime() < deadline) {
            ProcessorStatus s = status();
            long now = System.nanoTime();
            if (stall.stuck(s)) {
                out.put("stalledStatus", s.summary());
                throw new IllegalStateException("replay stalled: no segment moved for " + stallTimeout.toSeconds()
                        + " s (" + s.summary() + ")");
            }
            if (s.maxResetPosition().isPresent()) {
                resetPosition = s.maxResetPosition();
            }
            if (s.replayInProgress()) {
                sawReplay = true;
                long sec = (now - t0) / 1_000_000_000L;
                if (sec != lastSample && progress.size() < 3600) {
                    lastSample = sec;
                    ArrayNode point = progress.addArray().add(Math.round((now - t0) / 1e6) / 1e3);
                    s.positions().forEach(point::add);
                }
            } else if (sawReplay) {
                tEnd = now;
                endedBy = s.anyReplayingFlag() ? "position reached resetPosition (flag still true)" : "replaying=false on all segments";
                out.put("finalStatus", s.summary());
                // "Not replaying" must also mean "got to the end": every segment at or past the reset position.
                if (resetPosition.isPresent()) {
                    long target = resetPosition.getAsLong();
                    boolean complete = s.segments().stream().allMatch(g -> g.position().isPresent() && g.position().getAsLong() >= target);
                    out.put("complete", complete);
                    if (!complete) {
                        out.put("secondsUntilReplayingFalse", (tEnd - t0) / 1e9);
                        throw new IllegalStateException("the replay stopped before the reset position " + target
                                + " on some segment, so no events/s is reported (" + s.summary() + ")");
                    }
                }
                break;
            } else if (now - t0 > observeTimeout.toNanos()) {
                throw new IllegalStateException("no replay observed within " + observeTimeout.toSeconds()
                        + " s of the trigger (status never showed replaying)");
            }
            Thread.sleep(POLL_MS);
        }
        if (endedBy == null) {
            throw new IllegalStateException("replay did not finish within " + timeout.toSeconds() + " s");
        }
        double seconds = (tEnd - t0) / 1e9;
        long events;
        String source;
        if (counts != null) {
            events = counts.events();
            source = "count(*) of the event store at trigger time";
        } else if (resetPosition.isPresent()) {
            events = resetPosition.getAsLong();
            source = "resetPosition (global index; approximates the count)";
        } else {
            throw new IllegalStateException("cannot tell how many events were replayed: no --db-url and no resetPosition");
        }
        out.put("events", events);
        out.put("eventsSource", source);
        resetPosition.ifPresent(r -> out.put("resetPosition", r));
        out.put("seconds", seconds);
        out.put("eventsPerSecond", events / seconds);
        out.put("endedBy", endedBy);
        out.put("pollIntervalMs", POLL_MS);
    }
}
