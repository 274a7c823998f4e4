package io.p3protocol.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/** Command throughput and latency: tenant creation and key issue, each at the configured concurrencies. */
final class CommandBench {
    /** Which HTTP client sends the measured commands (and their warm-ups). */
    enum Client {
        /** {@link KeepAliveClient}: a blocking keep-alive socket per load client, the analogue of pgbench. */
        LEAN,
        /** The JDK's {@code HttpClient}, as every other scenario uses (the only one before 2026-11-24 17:00). */
        JDK;

        static Client parse(String s) {
            return switch (s) {
                case "lean" -> LEAN;
                case "jdk" -> JDK;
                default -> throw new IllegalArgumentException("command-client must be lean or jdk: " + s);
            };
        }
    }

    /** The two commands as one load run sends them, on its client's own connection. */
    private interface Calls extends AutoCloseable {
        int createTenant(int client, String name) throws Exception;

        int issueViewerKey(int client, String tenantId) throws Exception;

        @Override
        void close();
    }

    private final AppClient app;
    private final String runId;
    private final Client client;
    private final String baseUrl;
    private final String apiKey;
    private final Duration requestTimeout;

    CommandBench(AppClient app, String runId) {
        this(app, runId, Client.JDK, null, null, null);
    }

    CommandBench(AppClient app, String runId, Client client, String baseUrl, String apiKey, Duration requestTimeout) {
        this.app = app;
        this.runId = runId;
        this.client = client;
        this.baseUrl = baseUrl;
        this.apiKey = apiKey;
        this.requestTimeout = requestTimeout;
    }

    Client client() {
        return client;
    }

    private Calls calls(int clients) {
        if (client == Client.LEAN) {
            KeepAliveClient lean = new KeepAliveClient(baseUrl, apiKey, requestTimeout, clients);
            return new Calls() {
                @Override
                public int createTenant(int c, String name) throws Exception {
                    return lean.postJson(c, "/api/tenants", AppClient.JSON.createObjectNode().put("name", name).toString()).status();
                }

                @Override
                public int issueViewerKey(int c, String tenantId) throws Exception {
                    return lean.postJson(c, "/api/tenants/" + tenantId + "/api-keys", "{\"roles\":[\"viewer\"]}").status();
                }

                @Override
                public void close() {
                    lean.close();
                }
            };
        }
        return new Calls() {
            @Override
            public int createTenant(int c, String name) throws Exception {
                return app.createTenant(name).statusCode();
            }

            @Override
            public int issueViewerKey(int c, String tenantId) throws Exception {
                return app.issueViewerKey(tenantId).statusCode();
            }

            @Override
            public void close() {
            }
        };
    }

    /** A measured run and the warm-up before it. */
    record Run(JitWarmup.Outcome warmup, LoadRunner.Result measured) {
    }

    /**
     * {@code POST /api/tenants}, a new tenant name per request. Warm-up first (discarded; at least
     * {@code warmup}, then until the JIT is quiet, at most {@code warmupMax}: {@link JitWarmup}), then the measured run.
     */
    Run createTenant(int clients, Duration warmup, Duration warmupMax, Duration duration) throws InterruptedException {
        try (Calls calls = calls(clients)) {
            LoadRunner.Operation op = (c, seq) -> calls.createTenant(c, name("t", clients, c, seq));
            JitWarmup.Outcome warm = JitWarmup.run("create_tenant_warmup", app, warmup, warmupMax, clients, 201,
                    (c, seq) -> calls.createTenant(c, name("tw", clients, c, seq)));
            return new Run(warm, LoadRunner.run("create_tenant", clients, duration, Long.MAX_VALUE, 201, null, op));
        }
    }

    /**
     * {@code POST /api/tenants/{id}/api-keys}. Keys go to a pool of {@code poolSize} fresh tenants, each client
     * cycling through its own share, so clients never queue on the same tenant and no tenant gathers an unrealistic
     * number of keys. The pool is created before the warm-up and is not timed.
     */
    Run issueKey(int clients, Duration warmup, Duration warmupMax, Duration duration, int poolSize) throws Exception {
        int perClient = Math.max(1, poolSize / clients);
        String[][] pool = new String[clients][perClient];
        for (int c = 0; c < clients; c++) {
            for (int i = 0; i < perClient; i++) {
                pool[c][i] = app.createTenantId(name("kp", clients, c, i));
            }
        }
        try (Calls calls = calls(clients)) {
            LoadRunner.Operation op = (c, seq) -> calls.issueViewerKey(c, pool[c][(int) (seq % perClient)]);
            JitWarmup.Outcome warm = JitWarmup.run("issue_key_warmup", app, warmup, warmupMax, clients, 201, op);
            return new Run(warm, LoadRunner.run("issue_key", clients, duration, Long.MAX_VALUE, 201, null, op));
        }
    }

    /**
     * Makes events through the API until the store holds {@code target} events: 8 (or {@code clients}) clients,
     * each creating a tenant and then issuing {@code keysPerTenant} keys to it. Bounded by {@code maxTime} and by an
     * operation cap; the store is counted every two seconds.
     */
    LoadRunner.Result seed(int clients, long target, Duration maxTime, int keysPerTenant, EventStore store) throws Exception {
        AtomicBoolean reached = new AtomicBoolean(store.counts().events() >= target);
        if (reached.get()) {
            return null;
        }
        Thread monitor = new Thread(() -> {
            long until = System.nanoTime() + maxTime.toNanos() + Duration.ofMinutes(3).toNanos();
            while (!reached.get() && System.nanoTime() < until) {
                try {
                    Thread.sleep(2000);
                    if (store.counts().events() >= target) {
                        reached.set(true);
                    }
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    System.err.println("seed: could not count events: " + e);
                }
            }
        }, "bench-seed-monitor");
        monitor.setDaemon(true);
        monitor.start();
        String[] current = new String[clients];
        LoadRunner.Operation op = (client, seq) -> {
            if (seq % (keysPerTenant + 1) == 0 || current[client] == null) {
                HttpResponse<String> r = app.createTenant(name("s", clients, client, seq));
                if (r.statusCode() == 201) {
                    JsonNode id = AppClient.JSON.readTree(r.body()).get("tenantId");
                    current[client] = id == null ? null : id.asText();
                }
                return r.statusCode();
            }
            return app.issueViewerKey(current[client]).statusCode();
        };
        try {
            // A cap on operations as well as time: even a very fast app stops at 4x the target in commands.
            return LoadRunner.run("seed", clients, maxTime, Math.max(1000, target * 4), 201, reached::get, op);
        } finally {
            reached.set(true);
            monitor.interrupt();
        }
    }

    private String name(String kind, int clients, int client, long seq) {
        return "bench-" + runId + "-" + kind + clients + "-" + client + "-" + seq;
    }

    static List<Integer> parseClients(String csv) {
        List<Integer> out = new ArrayList<>();
        for (String s : csv.split(",")) {
            int n = Integer.parseInt(s.trim());
            if (n < 1 || n > 256) {
                throw new IllegalArgumentException("clients must be 1..256: " + n);
            }
            out.add(n);
        }
        return out;
    }
}
