package io.p3protocol.command.rules.webhook;

import io.p3protocol.kernel.errors.InvalidInput;

import java.net.IDN;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How allow-list entries and URL hosts are compared: exact host names (ASCII, lower case, no trailing dot) or IP
 * literals (IPv6 without brackets). No wildcards and no CIDR ranges: an entry names one host.
 */
public final class AllowedHosts {
    public static final int MAX_HOSTS = 100;
    private static final Pattern HOST_NAME = Pattern.compile(
            "(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");
    private static final Pattern IPV6_LITERAL = Pattern.compile("[0-9a-f:.]{2,45}");

    private AllowedHosts() {
    }

    /** The normal form of a URL's host or an allow-list entry, or null when it is neither a host name nor an IP. */
    public static String normalise(String host) {
        if (host == null) {
            return null;
        }
        String h = host.trim().toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        if (h.contains(":")) {
            return IPV6_LITERAL.matcher(h).matches() ? h : null;
        }
        try {
            h = IDN.toASCII(h, IDN.USE_STD3_ASCII_RULES);
        } catch (IllegalArgumentException e) {
            return null;
        }
        return HOST_NAME.matcher(h).matches() ? h : null;
    }

    /** Normalised, de-duplicated entries in the given order; a 400 listing every bad entry otherwise. */
    public static List<String> parse(List<String> entries) {
        if (entries == null) {
            throw InvalidInput.of("hosts", "hosts must be an array of host names or IP addresses");
        }
        if (entries.size() > MAX_HOSTS) {
            throw InvalidInput.of("hosts", "at most " + MAX_HOSTS + " hosts");
        }
        Set<String> hosts = new LinkedHashSet<>();
        List<InvalidInput.FieldError> errors = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            String normal = normalise(entries.get(i));
            if (normal == null) {
                errors.add(new InvalidInput.FieldError("hosts[" + i + "]",
                        "not a host name or IP address (no scheme, port, path or wildcard)"));
            } else {
                hosts.add(normal);
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        return List.copyOf(hosts);
    }
}
