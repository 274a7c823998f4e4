package io.p3protocol.bench;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

/** The bench talks to loopback only: every URL it is given must name a literal loopback address. */
public final class Loopback {
    private Loopback() {
    }

    /** Returns the URI if its host is a literal loopback address (127.0.0.0/8 or ::1); throws otherwise. */
    public static URI requireLoopback(String url) {
        URI uri = URI.create(url);
        String host = uri.getHost();
        if (host == null) {
            throw new IllegalArgumentException("URL has no host: " + url);
        }
        requireLoopbackHost(host, url);
        return uri;
    }

    /** Checks the host of {@code jdbc:postgresql://host[:port]/db[?...]}; one host only. */
    public static String requireLoopbackJdbc(String jdbcUrl) {
        String prefix = "jdbc:postgresql://";
        if (!jdbcUrl.startsWith(prefix)) {
            throw new IllegalArgumentException("only jdbc:postgresql:// URLs are supported: " + jdbcUrl);
        }
        String rest = jdbcUrl.substring(prefix.length());
        int slash = rest.indexOf('/');
        String hostPort = slash < 0 ? rest : rest.substring(0, slash);
        if (hostPort.contains(",")) {
            throw new IllegalArgumentException("multi-host JDBC URLs are not allowed: " + jdbcUrl);
        }
        String host = hostPort.startsWith("[") ? hostPort.substring(1, hostPort.indexOf(']'))
                : hostPort.contains(":") ? hostPort.substring(0, hostPort.lastIndexOf(':')) : hostPort;
        requireLoopbackHost(host, jdbcUrl);
        return jdbcUrl;
    }

    private static void requireLoopbackHost(String host, String original) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        boolean literal = h.matches("\\d{1,3}(\\.\\d{1,3}){3}") || h.contains(":");
        if (!literal) {
            throw new IllegalArgumentException("use a literal loopback address (e.g. 127.0.0.1), not a name: " + original);
        }
        try {
            if (!InetAddress.getByName(h).isLoopbackAddress()) { // literal: no DNS lookup happens
                throw new IllegalArgumentException("only loopback addresses may be targeted: " + original);
            }
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("bad address in " + original, e);
        }
    }
}
