package io.p3protocol.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * App start to ready on the embedded default: from just before the JVM process of {@code java -jar app.jar} is
 * launched (P3_DATA_DIR set to a temp dir, P3_ADMIN_KEY set, no P3_DB_URL) to the first 200 from
 * {@code GET /actuator/health}. "cold" runs start on an empty data dir (the embedded database is initialised);
 * "warm" runs restart on the data dir of the last cold run.
 */
final class StartupBench {
    private static final long POLL_MS = 50;

    private final Path jar;
    private final String java;
    private final List<String> launchPrefix;
    private final String adminKey;
    private final Path workDir;
    private final String ownerUser; // chown the data dirs to this user (when the app runs as someone else); may be null
    private final Duration readyTimeout;
    private final List<String> appArgs;

    StartupBench(Path jar, String java, List<String> launchPrefix, String adminKey, Path workDir, String ownerUser,
                 Duration readyTimeout, List<String> appArgs) {
        this.jar = jar;
        this.java = java;
        this.launchPrefix = launchPrefix;
        this.adminKey = adminKey;
        this.workDir = workDir;
        this.ownerUser = ownerUser;
        this.readyTimeout = readyTimeout;
        this.appArgs = appArgs;
    }

    /**
     * @param firstRuns like cold, and with an empty {@code java.io.tmpdir} too, so the embedded PostgreSQL binaries
     *                  are unpacked again, as on a machine that never ran the app
     */
    ObjectNode run(int firstRuns, int coldRuns, int warmRuns) throws Exception {
        ObjectNode out = AppClient.JSON.createObjectNode();
        out.put("jar", jar.toString());
        out.put("embeddedBinaryCacheExisted", Files.isDirectory(Path.of(System.getProperty("java.io.tmpdir"), "embedded-pg")));
        ArrayNode runs = out.putArray("runs");
        for (int i = 0; i < firstRuns; i++) {
            Path dataDir = Files.createTempDirectory(workDir, "p3-data-");
            Path tmpDir = Files.createTempDirectory(workDir, "java-tmp-");
            chown(dataDir);
            chown(tmpDir);
            runs.add(once("first", dataDir, i, List.of("-Djava.io.tmpdir=" + tmpDir)));
        }
        Path lastCold = null;
        for (int i = 0; i < coldRuns; i++) {
            Path dataDir = Files.createTempDirectory(workDir, "p3-data-");
            chown(dataDir);
            runs.add(once("cold", dataDir, i, List.of()));
            lastCold = dataDir;
        }
        for (int i = 0; i < warmRuns && lastCold != null; i++) {
            runs.add(once("warm", lastCold, i, List.of()));
        }
        return out;
    }

    private void chown(Path p) throws IOException {
        if (ownerUser != null && !ownerUser.isEmpty()) {
            UserPrincipal u = p.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(ownerUser);
            Files.setOwner(p, u);
        }
    }

    private ObjectNode once(String kind, Path dataDir, int index, List<String> jvmArgs) throws Exception {
        ObjectNode r = AppClient.JSON.createObjectNode();
        r.put("kind", kind);
        r.put("dataDir", dataDir.toString());
        int port = freeLoopbackPort();
        Path log = workDir.resolve("startup-" + kind + "-" + index + ".log");
        r.put("log", log.toString());
        List<String> cmd = new ArrayList<>(launchPrefix);
        if (!launchPrefix.isEmpty()) {
            // A prefix such as runuser may not pass the environment on unchanged: state it explicitly as well.
            cmd.addAll(List.of("env", "-u", "P3_DB_URL", "-u", "P3_DB_USER", "-u", "P3_DB_PASSWORD",
                    "P3_DATA_DIR=" + dataDir, "P3_ADMIN_KEY=" + adminKey));
        }
        cmd.add(java);
        cmd.addAll(jvmArgs);
        cmd.addAll(List.of("-jar", jar.toString(), "--server.port=" + port, "--server.address=127.0.0.1"));
        cmd.addAll(appArgs);
        r.put("command", String.join(" ", cmd.subList(launchPrefix.size(), cmd.size())).replace(adminKey, "<admin-key>"));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = pb.environment();
        env.remove("P3_DB_URL");
        env.remove("P3_DB_USER");
        env.remove("P3_DB_PASSWORD");
        env.put("P3_DATA_DIR", dataDir.toString());
        env.put("P3_ADMIN_KEY", adminKey);
        URI health = Loopback.requireLoopback("http://127.0.0.1:" + port + "/actuator/health");
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest req = HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(2)).header("X-API-Key", adminKey).GET().build();

        r.put("loadAverageBefore", BenchMain.loadAverage());
        long t0 = System.nanoTime();
        Process p = pb.start();
        List<ProcessHandle> family = new ArrayList<>();
        try {
            long deadline = t0 + readyTimeout.toNanos();
            Integer lastStatus = null;
            while (true) {
                p.descendants().forEach(d -> {
                    if (!family.contains(d)) {
                        family.add(d);
                    }
                });
                if (!p.isAlive()) {
                    r.put("ok", false);
                    r.put("error", "app exited with code " + p.exitValue() + " before it was ready; see " + log);
                    return r;
                }
                if (System.nanoTime() > deadline) {
                    r.put("ok", false);
                    r.put("error", "not ready within " + readyTimeout.toSeconds() + " s (last health status "
                            + lastStatus + "); see " + log);
                    return r;
                }
                try {
                    HttpResponse<Void> resp = http.send(req, HttpResponse.BodyHandlers.discarding());
                    lastStatus = resp.statusCode();
                    if (resp.statusCode() == 200) {
                        long t1 = System.nanoTime();
                        r.put("ok", true);
                        r.put("seconds", (t1 - t0) / 1e9);
                        return r;
                    }
                } catch (IOException notYet) {
                    // connection refused until the server listens
                }
                Thread.sleep(POLL_MS);
            }
        } finally {
            r.put("stopSeconds", stop(p, family, dataDir));
        }
    }

    /** SIGTERM, bounded wait, then SIGKILL; the same for any child processes and a leftover embedded postmaster. */
    static double stop(Process p, List<ProcessHandle> family, Path dataDir) throws InterruptedException {
        long t0 = System.nanoTime();
        p.descendants().forEach(d -> {
            if (!family.contains(d)) {
                family.add(d);
            }
        });
        p.destroy();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        for (ProcessHandle d : family) {
            if (d.isAlive()) {
                d.destroy();
            }
        }
        leftoverPostmaster(dataDir).ifPresent(pm -> {
            pm.destroy(); // SIGTERM = postgres "smart" shutdown; the data dir is throwaway anyway
            try {
                pm.onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                pm.destroyForcibly();
            }
        });
        for (ProcessHandle d : family) {
            if (d.isAlive()) {
                d.destroyForcibly();
            }
        }
        return seconds;
    }

    /** An embedded PostgreSQL daemonised by pg_ctl is not a child of the JVM: find it by its postmaster.pid. */
    static Optional<ProcessHandle> leftoverPostmaster(Path dataDir) {
        try (Stream<Path> files = Files.find(dataDir, 5, (f, a) -> f.getFileName().toString().equals("postmaster.pid"))) {
            for (Path pidFile : (Iterable<Path>) files::iterator) {
                String first = Files.readAllLines(pidFile).stream().findFirst().orElse("").trim();
                Optional<ProcessHandle> h = ProcessHandle.of(Long.parseLong(first));
                if (h.isPresent() && h.get().isAlive()
                        && h.get().info().command().map(c -> c.contains("postgres")).orElse(false)) {
                    return h;
                }
            }
        } catch (Exception e) {
            // no pid file, or unreadable: nothing to clean up
        }
        return Optional.empty();
    }

    static int freeLoopbackPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    /** Deletes a directory tree (bounded by the tree itself; symlinks are not followed). */
    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path f : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(f);
            }
        }
    }
}
