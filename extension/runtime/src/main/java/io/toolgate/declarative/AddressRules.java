package io.toolgate.declarative;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * Which IP addresses an outbound call must not reach unless its tool allows the private network: every range that
 * is not ordinary public unicast. One table, so that a reviewer can check it against the IANA special-purpose
 * registries at a glance.
 */
final class AddressRules {

    private record Range(byte[] prefix, int bits, String kind) {
        boolean contains(byte[] address) {
            if (address.length != prefix.length) {
                return false;
            }
            int full = bits / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != prefix[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (address[full] & mask) == (prefix[full] & mask);
        }
    }

    private static final List<Range> INTERNAL = List.of(
            range("0.0.0.0", 8, "unspecified ('this network')"),
            range("10.0.0.0", 8, "private"),
            range("100.64.0.0", 10, "carrier-grade NAT"),
            range("127.0.0.0", 8, "loopback"),
            range("169.254.0.0", 16, "link-local (cloud metadata)"),
            range("172.16.0.0", 12, "private"),
            range("192.0.0.0", 24, "IETF protocol assignments"),
            range("192.0.2.0", 24, "documentation"),
            range("192.88.99.0", 24, "6to4 relay"),
            range("192.168.0.0", 16, "private"),
            range("198.18.0.0", 15, "benchmarking"),
            range("198.51.100.0", 24, "documentation"),
            range("203.0.113.0", 24, "documentation"),
            range("224.0.0.0", 4, "multicast"),
            range("240.0.0.0", 4, "reserved or broadcast"),
            range("::", 128, "unspecified"),
            range("::1", 128, "loopback"),
            // IPv4-compatible (deprecated) and IPv4-mapped forms would reach IPv4 hosts behind the v4 rules' back.
            range("::", 96, "IPv4-compatible IPv6"),
            range("::ffff:0:0", 96, "IPv4-mapped IPv6"),
            range("64:ff9b::", 96, "NAT64"),
            range("64:ff9b:1::", 48, "local NAT64"),
            range("100::", 64, "discard-only"),
            range("2001::", 32, "Teredo"),
            range("2001:db8::", 32, "documentation"),
            range("2002::", 16, "6to4"),
            range("fc00::", 7, "unique local (private)"),
            range("fe80::", 10, "link-local"),
            range("fec0::", 10, "site-local"),
            range("ff00::", 8, "multicast"));

    private AddressRules() {
    }

    /** The kind of internal range the address is in, or empty for a public unicast address. */
    static Optional<String> internalKind(InetAddress address) {
        byte[] bytes = address.getAddress();
        for (Range r : INTERNAL) {
            if (r.contains(bytes)) {
                return Optional.of(r.kind());
            }
        }
        if (address instanceof Inet6Address v6 && v6.getScopeId() != 0) {
            return Optional.of("scoped IPv6");
        }
        return Optional.empty();
    }

    private static Range range(String literal, int bits, String kind) {
        try {
            // Literals only: getByName parses them without any lookup. Java turns ::ffff:a.b.c.d into an
            // Inet4Address, so the mapped range is built from its 16 bytes by hand.
            byte[] bytes = literal.equals("::ffff:0:0") ? mappedPrefix() : InetAddress.getByName(literal).getAddress();
            return new Range(bytes, bits, kind);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] mappedPrefix() {
        byte[] b = new byte[16];
        b[10] = (byte) 0xff;
        b[11] = (byte) 0xff;
        return b;
    }
}
