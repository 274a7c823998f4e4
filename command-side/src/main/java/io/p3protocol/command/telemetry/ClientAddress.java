package io.p3protocol.command.telemetry;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The client IP of a telemetry request, in one canonical text form so that one address always hashes the same:
 * the first hop of {@code X-Forwarded-For} when it is an IP literal, else the socket's peer address.
 * <p>
 * Canonical form: IPv4 dotted quad; IPv6 as Java prints it (eight uncompressed groups); an IPv4-mapped IPv6
 * address becomes its IPv4 address. A port ({@code 1.2.3.4:5678}, {@code [::1]:443}) is dropped. Nothing here
 * resolves a name: only strings that are IP literals are parsed, so no DNS query can ever carry the address out.
 * The value lives only in this request's memory; it is hashed and then dropped.
 */
public final class ClientAddress {
    private static final Pattern IPV4 = Pattern.compile(
            "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV4_WITH_PORT = Pattern.compile("([0-9.]+):\\d{1,5}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");
    /** What the original used when there was no address at all. */
    static final String UNKNOWN = "127.0.0.1";

    private ClientAddress() {
    }

    /**
     * The client address: {@code forwardedFor}'s first entry when it is an IP literal (a proxy in front of the
     * service sets the header), else {@code socketAddress}, else {@value #UNKNOWN}.
     */
    public static String of(String forwardedFor, String socketAddress) {
        if (forwardedFor != null) {
            int comma = forwardedFor.indexOf(',');
            Optional<String> firstHop = canonical(comma < 0 ? forwardedFor : forwardedFor.substring(0, comma));
            if (firstHop.isPresent()) {
                return firstHop.get();
            }
        }
        return socketAddress == null ? UNKNOWN : canonical(socketAddress).orElse(UNKNOWN);
    }

    /** The canonical form of an IP literal (with or without a port), or empty when {@code text} is none. */
    static Optional<String> canonical(String text) {
        String candidate = text.strip();
        if (candidate.startsWith("[")) {
            int end = candidate.indexOf(']');
            if (end < 0) {
                return Optional.empty();
            }
            candidate = candidate.substring(1, end);
        } else {
            var withPort = IPV4_WITH_PORT.matcher(candidate);
            if (withPort.matches()) {
                candidate = withPort.group(1);
            }
        }
        if (!IPV4.matcher(candidate).matches() && !IPV6.matcher(candidate).matches()) {
            return Optional.empty();
        }
        try {
            // a literal (checked above) is parsed, never looked up
            return Optional.of(InetAddress.getByName(candidate).getHostAddress());
        } catch (UnknownHostException notAnAddress) {
            return Optional.empty();
        }
    }
}
