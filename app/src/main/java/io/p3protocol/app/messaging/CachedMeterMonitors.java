package io.p3protocol.app.messaging;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.micrometer.TagsUtil;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.monitoring.NoOpMessageMonitorCallback;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The meters of Axon's dimensional monitors ({@code org.axonframework.micrometer}: MessageTimerMonitor,
 * MessageCountingMonitor, CapacityMonitor, EventProcessorLatencyMonitor), with the same names, tags, percentiles,
 * windows and values, but each meter looked up once per payload type instead of once per message.
 * <p>
 * Axon's monitors register their meters again for every message (up to 12 registry look-ups per message and
 * component: building the meter id, hashing it, and for gauges Micrometer's double-registration warning path). With
 * four subscribing processors in each command's transaction and five tracking processors seeing every event, that was
 * about a sixth of the app's CPU per command (JFR, docs/benchmarks.md). The tags depend only on the payload type and
 * the component, so the meters of a payload type are found once and kept.
 */
final class CachedMeterMonitors {
    private static final Clock CLOCK = Clock.SYSTEM;

    private CachedMeterMonitors() {
    }

    /** {@code payloadType} = the payload's simple class name (Axon's TagsUtil.PAYLOAD_TYPE_TAGGER_FUNCTION). */
    static Function<Class<?>, Tags> payloadTypeTags() {
        return type -> Tags.of(TagsUtil.PAYLOAD_TYPE_TAG, type.getSimpleName());
    }

    /** {@code payloadType} and {@code processorName}, as Axon tags the meters of an event processor. */
    static Function<Class<?>, Tags> payloadTypeAndProcessorTags(String processorName) {
        return type -> Tags.of(TagsUtil.PAYLOAD_TYPE_TAG, type.getSimpleName(),
                TagsUtil.PROCESSOR_NAME_TAG, processorName);
    }

    static Function<Class<?>, Tags> noTags() {
        return type -> Tags.empty();
    }

    /** Per payload type, the meters a monitor records into; built on the first message of that type. */
    private abstract static class PerPayloadType<M> implements MessageMonitor<Message<?>> {
        private final ConcurrentMap<Class<?>, M> meters = new ConcurrentHashMap<>();
        private final Function<Class<?>, Tags> tags;

        PerPayloadType(Function<Class<?>, Tags> tags) {
            this.tags = tags;
        }

        final M metersOf(Message<?> message) {
            return meters.computeIfAbsent(message.getPayloadType(), type -> build(tags.apply(type)));
        }

        abstract M build(Tags tags);
    }

    /** As MessageTimerMonitor: {prefix}.allTimer, .successTimer, .failureTimer, .ignoredTimer. */
    static final class Timers extends PerPayloadType<Timers.Set> {
        record Set(Timer all, Timer success, Timer failure, Timer ignored) {
        }

        private final String prefix;
        private final MeterRegistry registry;

        Timers(String prefix, MeterRegistry registry, Function<Class<?>, Tags> tags) {
            super(tags);
            this.prefix = prefix;
            this.registry = registry;
        }

        @Override
        Set build(Tags tags) {
            return new Set(timer("allTimer", tags), timer("successTimer", tags), timer("failureTimer", tags),
                    timer("ignoredTimer", tags));
        }

        private Timer timer(String name, Tags tags) {
            return Timer.builder(prefix + "." + name)
                    .distributionStatisticExpiry(Duration.ofMinutes(10))
                    .publishPercentiles(0.5, 0.75, 0.95, 0.98, 0.99, 0.999)
                    .tags(tags)
                    .register(registry);
        }

        @Override
        public MonitorCallback onMessageIngested(Message<?> message) {
            Set timers = metersOf(message);
            long start = CLOCK.monotonicTime();
            return new MonitorCallback() {
                @Override
                public void reportSuccess() {
                    record(timers.success());
                }

                @Override
                public void reportFailure(Throwable cause) {
                    record(timers.failure());
                }

                @Override
                public void reportIgnored() {
                    record(timers.ignored());
                }

                private void record(Timer outcome) {
                    long duration = CLOCK.monotonicTime() - start;
                    timers.all().record(duration, TimeUnit.NANOSECONDS);
                    outcome.record(duration, TimeUnit.NANOSECONDS);
                }
            };
        }
    }

    /** As MessageCountingMonitor: {prefix}.ingestedCounter, .successCounter, .failureCounter, .processedCounter, .ignoredCounter. */
    static final class Counters extends PerPayloadType<Counters.Set> {
        record Set(Counter ingested, Counter success, Counter failure, Counter processed, Counter ignored) {
        }

        private final String prefix;
        private final MeterRegistry registry;

        Counters(String prefix, MeterRegistry registry, Function<Class<?>, Tags> tags) {
            super(tags);
            this.prefix = prefix;
            this.registry = registry;
        }

        @Override
        Set build(Tags tags) {
            return new Set(registry.counter(prefix + ".ingestedCounter", tags),
                    registry.counter(prefix + ".successCounter", tags),
                    registry.counter(prefix + ".failureCounter", tags),
                    registry.counter(prefix + ".processedCounter", tags),
                    registry.counter(prefix + ".ignoredCounter", tags));
        }

        @Override
        public MonitorCallback onMessageIngested(Message<?> message) {
            Set counters = metersOf(message);
            counters.ingested().increment();
            return new MonitorCallback() {
                @Override
                public void reportSuccess() {
                    counters.processed().increment();
                    counters.success().increment();
                }

                @Override
                public void reportFailure(Throwable cause) {
                    counters.processed().increment();
                    counters.failure().increment();
                }

                @Override
                public void reportIgnored() {
                    counters.ignored().increment();
                }
            };
        }
    }

    /**
     * As CapacityMonitor: gauge {prefix}.capacity = the summed handling time of the last 10 minutes divided by 10
     * minutes (how many threads' worth of time handling took), kept in one-second buckets ({@link BusyTimeWindow}).
     */
    static final class Capacity extends PerPayloadType<BusyTimeWindow> {
        private static final int WINDOW_SECONDS = 600;

        private final String prefix;
        private final MeterRegistry registry;

        Capacity(String prefix, MeterRegistry registry, Function<Class<?>, Tags> tags) {
            super(tags);
            this.prefix = prefix;
            this.registry = registry;
        }

        @Override
        BusyTimeWindow build(Tags tags) {
            BusyTimeWindow window = new BusyTimeWindow(WINDOW_SECONDS);
            // The window is the gauge's state: the map above keeps it strongly reachable.
            registry.gauge(prefix + ".capacity", tags, window, Capacity::capacity);
            return window;
        }

        static double capacity(BusyTimeWindow window) {
            return window.total(CLOCK.monotonicTime()) / (double) window.windowNanos();
        }

        @Override
        public MonitorCallback onMessageIngested(Message<?> message) {
            BusyTimeWindow window = metersOf(message);
            long start = CLOCK.monotonicTime();
            return new MonitorCallback() {
                @Override
                public void reportSuccess() {
                    handled();
                }

                @Override
                public void reportFailure(Throwable cause) {
                    handled();
                }

                @Override
                public void reportIgnored() {
                    handled();
                }

                private void handled() {
                    long now = CLOCK.monotonicTime();
                    window.add(now - start, now);
                }
            };
        }
    }

    /**
     * As EventProcessorLatencyMonitor with the processor-name tag only: gauge {prefix}.latency = wall-clock time now
     * minus the timestamp of the last event the processor was handed, in milliseconds.
     */
    static final class Latency implements MessageMonitor<Message<?>> {
        private final AtomicLong latency = new AtomicLong();
        private final AtomicBoolean registered = new AtomicBoolean();
        private final String prefix;
        private final MeterRegistry registry;
        private final Tags tags;

        Latency(String prefix, MeterRegistry registry, Tags tags) {
            this.prefix = prefix;
            this.registry = registry;
            this.tags = tags;
        }

        @Override
        public MonitorCallback onMessageIngested(Message<?> message) {
            if (message instanceof EventMessage<?> event) {
                latency.set(CLOCK.wallTime() - event.getTimestamp().toEpochMilli());
                if (!registered.get() && registered.compareAndSet(false, true)) { // like Axon: once an event came
                    Gauge.builder(prefix + ".latency", latency::get).tags(tags).register(registry);
                }
            }
            return NoOpMessageMonitorCallback.INSTANCE;
        }
    }
}
