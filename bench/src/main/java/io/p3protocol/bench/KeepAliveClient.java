package io.p3protocol.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * The command load's HTTP/1.1 client: one blocking keep-alive socket per load client, each request written as one
 * buffer and its answer read by {@code Content-Length} or by chunks. The JDK's {@code HttpClient} hands every exchange
 * between the calling thread and its selector thread and back, through futures: on this two-core machine that cost a
 * large share of the CPU the app and PostgreSQL compete for, which the raw limits' client (pgbench, in C) never pays.
 * Not thread-safe per client index: each load client uses its own index, as {@link LoadRunner} does.
 */
final class KeepAliveClient implements AutoCloseable {
    /** An answer's status and body (UTF-8). */
    record Answer(int status, String body) {
    }

    /** A connection idle this long is replaced before use rather than risk the server having closed it meanwhile. */
    private static final long MAX_IDLE_NANOS = Duration.ofSeconds(5).toNanos();
    private static final int MAX_HEADER_BYTES = 64 * 1024;

    private final InetSocketAddress address;
    private final String hostHeader;
    private final String apiKey;
    private final int timeoutMillis;
    private final Connection[] connections;

    KeepAliveClient(String baseUrl, String apiKey, Duration requestTimeout, int clients) {
        URI base = Loopback.requireLoopback(baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl);
        if (!"http".equals(base.getScheme())) {
            throw new IllegalArgumentException("the command load speaks plain HTTP/1.1 only: " + baseUrl);
        }
        if (base.getPath() != null && !base.getPath().isEmpty()) {
            throw new IllegalArgumentException("the command load needs a base URL without a path: " + baseUrl);
        }
        int port = base.getPort() == -1 ? 80 : base.getPort();
        this.address = new InetSocketAddress(base.getHost(), port);
        this.hostHeader = base.getHost() + ":" + port;
        this.apiKey = apiKey;
        this.timeoutMillis = (int) Math.min(Integer.MAX_VALUE, requestTimeout.toMillis());
        this.connections = new Connection[clients];
    }

    /** {@code POST path} with a JSON body, on load client {@code client}'s connection. */
    Answer postJson(int client, String path, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = head("POST", path, true)
                .append("Content-Type: application/json\r\n")
                .append("Content-Length: ").append(body.length).append("\r\n\r\n");
        byte[] headBytes = head.toString().getBytes(StandardCharsets.US_ASCII);
        byte[] request = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, request, 0, headBytes.length);
        System.arraycopy(body, 0, request, headBytes.length, body.length);
        return send(client, request);
    }

    /**
     * {@code GET path}, on load client {@code client}'s connection; with the API key only when {@code authenticated}
     * (the HTTP floor measures a route that needs no key as well as one that does).
     */
    Answer get(int client, String path, boolean authenticated) throws IOException {
        return send(client, head("GET", path, authenticated).append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
    }

    private StringBuilder head(String method, String path, boolean authenticated) {
        StringBuilder head = new StringBuilder(256)
                .append(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                .append("Host: ").append(hostHeader).append("\r\n")
                .append("Accept: application/json\r\n");
        if (authenticated && apiKey != null && !apiKey.isEmpty()) {
            head.append("X-API-Key: ").append(apiKey).append("\r\n");
        }
        return head;
    }

    private Answer send(int client, byte[] request) throws IOException {
        Connection c = connection(client);
        try {
            Answer answer = c.exchange(request);
            if (c.closeAfter) {
                drop(client);
            }
            return answer;
        } catch (IOException | RuntimeException e) {
            drop(client);
            throw e;
        }
    }

    private Connection connection(int client) throws IOException {
        Connection c = connections[client];
        if (c != null && System.nanoTime() - c.lastUsed > MAX_IDLE_NANOS) {
            drop(client);
            c = null;
        }
        if (c == null) {
            Socket socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(timeoutMillis);
            socket.connect(address, Math.min(timeoutMillis, 5000));
            c = new Connection(socket);
            connections[client] = c;
        }
        return c;
    }

    private void drop(int client) {
        Connection c = connections[client];
        connections[client] = null;
        if (c != null) {
            try {
                c.socket.close();
            } catch (IOException ignored) {
                // closing a connection we no longer use
            }
        }
    }

    @Override
    public void close() {
        for (int i = 0; i < connections.length; i++) {
            drop(i);
        }
    }

    private static final class Connection {
        final Socket socket;
        final OutputStream out;
        final InputStream in;
        long lastUsed = System.nanoTime();
        boolean closeAfter;

        Connection(Socket socket) throws IOException {
            this.socket = socket;
            this.out = socket.getOutputStream();
            this.in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
        }

        Answer exchange(byte[] request) throws IOException {
            out.write(request);
            out.flush();
            String statusLine = line();
            // "HTTP/1.1 201 " or "HTTP/1.1 201 Created"
            if (!statusLine.startsWith("HTTP/1.") || statusLine.length() < 12) {
                throw new IOException("not an HTTP/1.x status line: " + statusLine);
            }
            int status = Integer.parseInt(statusLine.substring(9, 12));
            long contentLength = -1;
            boolean chunked = false;
            closeAfter = statusLine.startsWith("HTTP/1.0");
            int headerBytes = statusLine.length();
            for (String header = line(); !header.isEmpty(); header = line()) {
                headerBytes += header.length();
                if (headerBytes > MAX_HEADER_BYTES) {
                    throw new IOException("answer headers exceed " + MAX_HEADER_BYTES + " bytes");
                }
                int colon = header.indexOf(':');
                if (colon <= 0) {
                    continue;
                }
                String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = header.substring(colon + 1).trim();
                switch (name) {
                    case "content-length" -> contentLength = Long.parseLong(value);
                    case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                    case "connection" -> closeAfter = closeAfter || value.equalsIgnoreCase("close");
                    default -> { }
                }
            }
            String body;
            if (chunked) {
                body = chunkedBody();
            } else if (contentLength >= 0) {
                body = new String(exactly(Math.toIntExact(contentLength)), StandardCharsets.UTF_8);
            } else if (status == 204 || status == 304 || status / 100 == 1) {
                body = "";
            } else {
                // Neither length nor chunks: the body runs to the end of the connection.
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                closeAfter = true;
            }
            lastUsed = System.nanoTime();
            return new Answer(status, body);
        }

        private String chunkedBody() throws IOException {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            while (true) {
                String sizeLine = line();
                int semicolon = sizeLine.indexOf(';');
                int size = Integer.parseInt((semicolon >= 0 ? sizeLine.substring(0, semicolon) : sizeLine).trim(), 16);
                if (size == 0) {
                    while (!line().isEmpty()) {
                        // trailers, ignored
                    }
                    return body.toString(StandardCharsets.UTF_8);
                }
                body.write(exactly(size));
                line(); // the CRLF after the chunk
            }
        }

        private byte[] exactly(int n) throws IOException {
            byte[] bytes = in.readNBytes(n);
            if (bytes.length != n) {
                throw new EOFException("the connection closed after " + bytes.length + " of " + n + " body bytes");
            }
            return bytes;
        }

        /** One header line in ASCII, without its CRLF. */
        private String line() throws IOException {
            StringBuilder sb = new StringBuilder(64);
            while (true) {
                int b = in.read();
                if (b == -1) {
                    throw new EOFException("the connection closed mid-answer");
                }
                if (b == '\n') {
                    int len = sb.length();
                    if (len > 0 && sb.charAt(len - 1) == '\r') {
                        sb.setLength(len - 1);
                    }
                    return sb.toString();
                }
                if (sb.length() >= MAX_HEADER_BYTES) {
                    throw new IOException("answer line exceeds " + MAX_HEADER_BYTES + " bytes");
                }
                sb.append((char) b);
            }
        }
    }
}
