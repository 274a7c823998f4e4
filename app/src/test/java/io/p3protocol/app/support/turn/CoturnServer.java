package io.p3protocol.app.support.turn;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real coturn (Debian's {@code turnserver}) on loopback, configured for the TURN REST API
 * ({@code use-auth-secret}) with the given shared secret: the deployment the vault's TURN credentials are for.
 * Installed by {@code tools/coturn/install.sh}.
 */
public final class CoturnServer implements AutoCloseable {

    public static final String REALM = "p3.test";
    private static final Path BINARY = Path.of("/usr/bin/turnserver");

    private final Process process;
    private final InetSocketAddress address;
    private final Path log;

    private CoturnServer(Process process, InetSocketAddress address, Path log) {
        this.process = process;
        this.address = address;
        this.log = log;
    }

    public static Optional<Path> installedBinary() {
        return Files.isExecutable(BINARY) ? Optional.of(BINARY) : Optional.empty();
    }

    /**
     * Starts coturn on a free UDP port and returns once its UDP listener is open. The port is free when probed but
     * could be taken before coturn binds it (coturn then stays up, retrying, and never answers): such a start is
     * abandoned and retried on another port.
     */
    public static CoturnServer start(String staticAuthSecret, Path workDir) throws IOException, InterruptedException {
        Files.createDirectories(workDir);
        for (int attempt = 1; attempt <= 3; attempt++) {
            int port = freeUdpPort();
            Path log = workDir.resolve("turnserver-" + attempt + ".log");
            List<String> command = List.of(BINARY.toString(), "-n",
                    "--listening-ip=127.0.0.1", "--relay-ip=127.0.0.1", "--listening-port=" + port,
                    "--min-port=49152", "--max-port=65535",
                    "--use-auth-secret", "--static-auth-secret=" + staticAuthSecret, "--realm=" + REALM,
                    "--no-tls", "--no-dtls", "--no-cli", "--no-tcp-relay",
                    "--pidfile=" + workDir.resolve("turnserver.pid"),
                    "--userdb=" + workDir.resolve("turndb"),
                    "--log-file=" + log, "--simple-log", "--no-stdout-log", "--verbose");
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(workDir.resolve("turnserver.out").toFile())
                    .start();
            CoturnServer server = new CoturnServer(process, new InetSocketAddress("127.0.0.1", port), log);
            if (server.awaitUdpListener(port)) {
                return server;
            }
            server.close();
        }
        throw new IOException("coturn did not open its UDP listener in 3 attempts; last log: " + workDir);
    }

    /**
     * Waits (10 s at most) for coturn to log its UDP listener on {@code port}; false if any bind found the port in use,
     * or it died.
     */
    private boolean awaitUdpListener(int port) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline && process.isAlive()) {
            String logged = log();
            // errno 98 (address in use) comes before coturn's "UDP listener opened" when it got the port only by
            // retrying with address reuse: its socket then shares the port with another and was seen never to answer
            if (logged.contains("errno=98") || logged.contains("Cannot bind")) {
                return false;
            }
            if (logged.contains("UDP listener opened on: 127.0.0.1:" + port)) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    public InetSocketAddress address() {
        return address;
    }

    /** What the server logged, for assertion messages. */
    public String log() {
        try {
            return Files.exists(log) ? Files.readString(log) : "(no log)";
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            return probe.getLocalPort();
        }
    }
}
