package io.p3protocol.app.cluster;

import java.lang.management.ManagementFactory;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * This process's name among the nodes that share one database. It is the owner written into {@code tokenentry}
 * when the node claims a processor segment, and the {@code application_name} of its database sessions, which is
 * how nodes see each other (see {@link FairSegmentShare}).
 *
 * <p>Two nodes must never share a name: a token claim is keyed by it, so two nodes with one name would both
 * process the same segment. Hence the default is the host name plus a random suffix, not Axon's {@code pid@host},
 * which collides for two containers that both run as pid 1 on one host network.
 */
public record NodeName(String value) {
    /** Prefix of the database {@code application_name} of every P3 node's sessions. */
    public static final String APPLICATION_NAME_PREFIX = "p3:";
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._@-]{1,60}");

    public NodeName {
        if (value == null || !VALID.matcher(value).matches()) {
            throw new IllegalArgumentException("P3_NODE_NAME must be 1 to 60 characters from A-Z a-z 0-9 . _ @ -"
                    + " (got '" + value + "')");
        }
    }

    /** The configured name ({@code P3_NODE_NAME}) or, when blank, {@code <host>-<8 random hex digits>}. */
    public static NodeName configuredOrGenerated(String configured) {
        if (configured != null && !configured.isBlank()) {
            return new NodeName(configured.trim());
        }
        String runtime = ManagementFactory.getRuntimeMXBean().getName(); // "pid@host"
        String host = runtime.substring(runtime.indexOf('@') + 1).replaceAll("[^A-Za-z0-9._-]", "-");
        if (host.isEmpty()) {
            host = "node";
        }
        byte[] suffix = new byte[4];
        new SecureRandom().nextBytes(suffix);
        return new NodeName((host.length() > 40 ? host.substring(0, 40) : host) + "-" + HexFormat.of().formatHex(suffix));
    }

    /** The {@code application_name} this node's database sessions carry (PostgreSQL keeps at most 63 bytes). */
    public String databaseApplicationName() {
        return APPLICATION_NAME_PREFIX + value;
    }

    @Override
    public String toString() {
        return value;
    }
}
