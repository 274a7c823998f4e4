package io.p3protocol.command.rules.webhook;

import java.net.InetAddress;
import java.util.Optional;

/**
 * Which addresses a webhook may reach without the tenant's allow-list: public unicast internet addresses only.
 * Everything in the IANA special-purpose registries that is not globally reachable is refused, and so is every IPv6
 * form that embeds an IPv4 address whose IPv4 address would be refused (IPv4-mapped, IPv4-compatible, NAT64, 6to4).
 */
public final class AddressClassifier {
    private AddressClassifier() {
    }

    /** Why {@code address} is not a public unicast address, or empty when it is one. */
    public static Optional<String> nonPublicReason(InetAddress address) {
        byte[] b = address.getAddress();
        return b.length == 4 ? ipv4(b) : ipv6(b);
    }

    private static Optional<String> ipv4(byte[] b) {
        int a0 = b[0] & 0xff;
        int a1 = b[1] & 0xff;
        int a2 = b[2] & 0xff;
        if (a0 == 0) {
            return reason("unspecified (0.0.0.0/8)");
        }
        if (a0 == 127) {
            return reason("loopback (127.0.0.0/8)");
        }
        if (a0 == 10 || (a0 == 172 && (a1 & 0xf0) == 16) || (a0 == 192 && a1 == 168)) {
            return reason("private (RFC 1918)");
        }
        if (a0 == 169 && a1 == 254) {
            return reason("link-local (169.254.0.0/16, cloud metadata)");
        }
        if (a0 == 100 && (a1 & 0xc0) == 64) {
            return reason("shared address space (100.64.0.0/10)");
        }
        if (a0 == 192 && a1 == 0 && (a2 == 0 || a2 == 2)) {
            return reason(a2 == 0 ? "IETF protocol assignments (192.0.0.0/24)" : "documentation (192.0.2.0/24)");
        }
        if ((a0 == 198 && a1 == 51 && a2 == 100) || (a0 == 203 && a1 == 0 && a2 == 113)) {
            return reason("documentation (RFC 5737)");
        }
        if (a0 == 198 && (a1 & 0xfe) == 18) {
            return reason("benchmarking (198.18.0.0/15)");
        }
        if (a0 >= 224 && a0 <= 239) {
            return reason("multicast (224.0.0.0/4)");
        }
        if (a0 >= 240) {
            return reason("reserved or broadcast (240.0.0.0/4)");
        }
        return Optional.empty();
    }

    private static Optional<String> ipv6(byte[] b) {
        if (allZero(b, 0, 16)) {
            return reason("unspecified (::)");
        }
        if (allZero(b, 0, 15) && b[15] == 1) {
            return reason("loopback (::1)");
        }
        if (allZero(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
            return embedded(b, 12, "IPv4-mapped");
        }
        if (allZero(b, 0, 12)) {
            return embedded(b, 12, "IPv4-compatible");
        }
        int w0 = ((b[0] & 0xff) << 8) | (b[1] & 0xff);
        int w1 = ((b[2] & 0xff) << 8) | (b[3] & 0xff);
        if (w0 == 0x64 && w1 == 0xff9b) {
            if (allZero(b, 4, 12)) {
                return embedded(b, 12, "NAT64");
            }
            return reason("local-use NAT64 (64:ff9b:1::/48)");
        }
        if (w0 == 0x2002) {
            return embedded(b, 2, "6to4");
        }
        if (w0 == 0x2001 && w1 == 0) {
            return reason("Teredo tunnel (2001::/32)");
        }
        if (w0 == 0x2001 && w1 == 0x0db8) {
            return reason("documentation (2001:db8::/32)");
        }
        if (w0 == 0x0100 && w1 == 0 && allZero(b, 4, 8)) {
            return reason("discard-only (100::/64)");
        }
        if ((b[0] & 0xfe) == 0xfc) {
            return reason("unique local (fc00::/7)");
        }
        if ((b[0] & 0xff) == 0xfe && (b[1] & 0xc0) == 0x80) {
            return reason("link-local (fe80::/10)");
        }
        if ((b[0] & 0xff) == 0xfe && (b[1] & 0xc0) == 0xc0) {
            return reason("site-local (fec0::/10)");
        }
        if ((b[0] & 0xff) == 0xff) {
            return reason("multicast (ff00::/8)");
        }
        if ((b[0] & 0xe0) != 0x20) {
            return reason("not global unicast (outside 2000::/3)");
        }
        return Optional.empty();
    }

    private static Optional<String> embedded(byte[] b, int offset, String form) {
        byte[] v4 = {b[offset], b[offset + 1], b[offset + 2], b[offset + 3]};
        return ipv4(v4).map(why -> form + " " + why);
    }

    private static boolean allZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static Optional<String> reason(String why) {
        return Optional.of(why);
    }
}
