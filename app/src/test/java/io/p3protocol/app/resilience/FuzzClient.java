package io.p3protocol.app.resilience;

import io.p3protocol.app.resilience.MalformedRequests.FuzzRequest;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * Sends {@link FuzzRequest}s over real HTTP/1.1: through the JDK client, or over a plain socket for what that
 * client refuses to send (a body shorter than its declared length, broken HTTP). Transport failures become
 * status -1.
 */
final class FuzzClient {
    record Outcome(int status, String contentType, String body) {
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final int port;

    FuzzClient(int port) {
        this.port = port;
    }

    Outcome send(FuzzRequest request) {
        try {
            return switch (request.transport()) {
                case FIXED_LENGTH, CHUNKED -> viaHttpClient(request);
                case SHORT_BODY -> viaSocket(request);
                case RAW_HTTP -> exchange(request.body());
            };
        } catch (IOException e) {
            return new Outcome(-1, "", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Outcome viaHttpClient(FuzzRequest request) throws IOException, InterruptedException {
        HttpRequest.BodyPublisher publisher = request.body() == null ? HttpRequest.BodyPublishers.noBody()
                : request.transport() == MalformedRequests.Transport.CHUNKED
                ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(request.body()))
                : HttpRequest.BodyPublishers.ofByteArray(request.body());
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + request.target()))
                .timeout(Duration.ofSeconds(30))
                .method(request.method(), publisher);
        for (String[] header : request.headers()) {
            builder.header(header[0], header[1]);
        }
        HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        return new Outcome(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                response.body());
    }

    private Outcome viaSocket(FuzzRequest request) throws IOException {
        StringBuilder head = new StringBuilder()
                .append(request.method()).append(' ').append(request.target()).append(" HTTP/1.1\r\n")
                .append("Host: 127.0.0.1:").append(port).append("\r\n");
        for (String[] header : request.headers()) {
            head.append(header[0]).append(": ").append(header[1]).append("\r\n");
        }
        head.append("Content-Length: ").append(request.body().length + 10).append("\r\n")
                .append("Connection: close\r\n\r\n");
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        raw.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        raw.writeBytes(request.body());
        return exchange(raw.toByteArray());
    }

    /** Writes the bytes, half-closes, and reads the answer until the server closes (bounded by a timeout). */
    private Outcome exchange(byte[] request) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(request);
            out.flush();
            socket.shutdownOutput();
            return parse(socket.getInputStream().readAllBytes());
        }
    }

    private static Outcome parse(byte[] raw) throws IOException {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (!text.startsWith("HTTP/1.1 ") || end < 0) {
            return new Outcome(-1, "", "no HTTP response: " + text);
        }
        int status = Integer.parseInt(text.substring(9, 12));
        String contentType = "";
        boolean chunked = false;
        for (String line : text.substring(0, end).split("\r\n")) {
            String lower = line.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-type:")) {
                contentType = line.substring(13).trim();
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            }
        }
        byte[] body = java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
        return new Outcome(status, contentType,
                new String(chunked ? dechunk(new ByteArrayInputStream(body)) : body, StandardCharsets.UTF_8));
    }

    private static byte[] dechunk(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            StringBuilder size = new StringBuilder();
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) {
                    return out.toByteArray();
                }
                size.append((char) c);
            }
            int length = Integer.parseInt(size.toString().trim().split(";")[0], 16);
            if (length == 0) {
                return out.toByteArray();
            }
            out.write(in.readNBytes(length));
            in.readNBytes(2);
        }
    }
}
