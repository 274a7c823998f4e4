package io.p3protocol.bench;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** The warm-up ends when the app's compilers go quiet, never before the minimum, never after the maximum. */
class JitWarmupTest {
    private static final Duration WINDOW = Duration.ofMillis(200);
    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** An app whose metrics endpoint reports {@code compileMillis}, or answers 404 when it gives a negative value. */
    private AppClient app(LongSupplier compileMillis) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/actuator/metrics/jvm.compilation.time", exchange -> {
            long value = compileMillis.getAsLong();
            byte[] body = ("{\"name\":\"jvm.compilation.time\",\"measurements\":[{\"statistic\":\"COUNT\",\"value\":"
                    + value + ".0}]}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(value < 0 ? 404 : 200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return new AppClient("http://127.0.0.1:" + server.getAddress().getPort(), "key", Duration.ofSeconds(5));
    }

    private static JitWarmup.Outcome warmUp(AppClient app, AtomicInteger calls) throws InterruptedException {
        return JitWarmup.run("t", app, Duration.ofMillis(600), Duration.ofSeconds(3), WINDOW, 1, 201, (c, s) -> {
            calls.incrementAndGet();
            Thread.sleep(5);
            return 201;
        });
    }

    @Test
    void aQuietCompilerEndsTheWarmUpAfterTheMinimum() throws Exception {
        AtomicInteger calls = new AtomicInteger();

        JitWarmup.Outcome outcome = warmUp(app(() -> 1000), calls);

        assertThat(outcome.quiet()).isTrue();
        assertThat(outcome.seconds()).isBetween(0.6, 2.0);
        assertThat(outcome.lastCompileShare()).isZero();
        assertThat(calls.get()).isPositive();
    }

    @Test
    void aBusyCompilerKeepsTheLoadRunningUntilTheMaximum() throws Exception {
        long start = System.nanoTime();

        // the compilers work half of the wall time, as C2 does while it compiles a new path
        JitWarmup.Outcome outcome = warmUp(app(() -> (System.nanoTime() - start) / 2_000_000), new AtomicInteger());

        assertThat(outcome.quiet()).isFalse();
        assertThat(outcome.seconds()).isGreaterThanOrEqualTo(3.0);
        assertThat(outcome.lastCompileShare()).isGreaterThan(JitWarmup.QUIET_SHARE);
    }

    @Test
    void withoutTheMetricTheWarmUpIsTheMinimum() throws Exception {
        JitWarmup.Outcome outcome = warmUp(app(() -> -1), new AtomicInteger());

        assertThat(outcome.quiet()).isFalse();
        assertThat(outcome.seconds()).isBetween(0.6, 2.0);
        assertThat(outcome.lastCompileShare()).isNaN();
    }
}
