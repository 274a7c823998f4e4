package io.p3protocol.bench;

import java.time.Duration;

/**
 * The HTTP floor: the app's throughput and latency for requests that do no work behind the web layer, sent over the
 * command load's own client and concurrencies. A command can be no faster than this, so it says how much of the
 * command targets the web stack alone leaves (none of it is a target).
 */
final class HttpFloorBench {
    /** The routes measured: no database, no command bus. */
    enum Route {
        /** {@code GET /api/version}: public, so Tomcat, Spring MVC, the filters that let it pass, and JSON. */
        VERSION("floor_version", "/api/version", false),
        /** {@code GET /api/reports} with the platform-admin key: the same plus the API-key authentication. */
        REPORT_LIST("floor_report_list", "/api/reports", true);

        final String runName;
        final String path;
        final boolean authenticated;

        Route(String runName, String path, boolean authenticated) {
            this.runName = runName;
            this.path = path;
            this.authenticated = authenticated;
        }
    }

    private final AppClient app;
    private final String baseUrl;
    private final String apiKey;
    private final Duration requestTimeout;

    HttpFloorBench(AppClient app, String baseUrl, String apiKey, Duration requestTimeout) {
        this.app = app;
        this.baseUrl = baseUrl;
        this.apiKey = apiKey;
        this.requestTimeout = requestTimeout;
    }

    /** A warm-up until the JIT is quiet ({@link JitWarmup}), then {@code duration} measured; only 200 counts. */
    CommandBench.Run run(Route route, int clients, Duration warmup, Duration warmupMax, Duration duration)
            throws InterruptedException {
        try (KeepAliveClient lean = new KeepAliveClient(baseUrl, apiKey, requestTimeout, clients)) {
            LoadRunner.Operation op = (c, seq) -> lean.get(c, route.path, route.authenticated).status();
            JitWarmup.Outcome warm = JitWarmup.run(route.runName + "_warmup", app, warmup, warmupMax, clients, 200, op);
            return new CommandBench.Run(warm, LoadRunner.run(route.runName, clients, duration, Long.MAX_VALUE, 200, null, op));
        }
    }
}
