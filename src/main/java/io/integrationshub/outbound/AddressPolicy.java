package io.integrationshub.outbound;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * Which resolved addresses an outbound request may connect to. Everything that is not a globally
 * routable unicast address is refused, so a provider URL or webhook URL chosen by a tenant cannot
 * reach the service's own network (SSRF). IPv6 forms that embed an IPv4 address (mapped,
 * compatible, NAT64, 6to4) are judged by the IPv4 address they carry.
 */
public final class AddressPolicy {
    public enum Category {
        PUBLIC("a public"),
        LOOPBACK("a loopback"),
        PRIVATE("a private"),
        LINK_LOCAL("a link-local"),
        CGNAT("a shared (CGNAT)"),
        UNSPECIFIED("an unspecified"),
        MULTICAST("a multicast"),
        UNIQUE_LOCAL("an IPv6 unique local"),
        RESERVED("a reserved");

        private final String phrase;

        Category(String phrase) {
            this.phrase = phrase;
        }

        public String phrase() {
            return phrase;
        }
    }

    private AddressPolicy() {
    }

    public static boolean isAllowed(InetAddress address) {
        return classify(address) == Category.PUBLIC;
    }

    public static Category classify(InetAddress address) {
        byte[] b = address.getAddress();
        return b.length == 4 ? classifyV4(b) : classifyV6(b);
    }

    private static Category classifyV4(byte[] b) {
        int a0 = b[0] & 0xff;
        int a1 = b[1] & 0xff;
        int a2 = b[2] & 0xff;
        if (a0 == 0) {
            // 0.0.0.0/8 is "this network": connecting to it reaches the local host on most systems.
            return a1 == 0 && a2 == 0 && (b[3] & 0xff) == 0 ? Category.UNSPECIFIED : Category.RESERVED;
        }
        if (a0 == 127) {
            return Category.LOOPBACK;
        }
        if (a0 == 10 || (a0 == 172 && (a1 & 0xf0) == 16) || (a0 == 192 && a1 == 168)) {
            return Category.PRIVATE;
        }
        if (a0 == 100 && (a1 & 0xc0) == 64) {
            return Category.CGNAT;
        }
        if (a0 == 169 && a1 == 254) {
            return Category.LINK_LOCAL;
        }
        if (a0 >= 224 && a0 <= 239) {
            return Category.MULTICAST;
        }
        if (a0 >= 240 // 240.0.0.0/4 and the broadcast address
                || (a0 == 192 && a1 == 0 && (a2 == 0 || a2 == 2)) // IETF assignments, TEST-NET-1
                || (a0 == 198 && (a1 & 0xfe) == 18) // benchmarking
                || (a0 == 198 && a1 == 51 && a2 == 100) // TEST-NET-2
                || (a0 == 203 && a1 == 0 && a2 == 113)) { // TEST-NET-3
            return Category.RESERVED;
        }
        return Category.PUBLIC;
    }

    private static Category classifyV6(byte[] b) {
        if (isZero(b, 0, 16)) {
            return Category.UNSPECIFIED;
        }
        if (isZero(b, 0, 15) && b[15] == 1) {
            return Category.LOOPBACK;
        }
        // ::ffff:a.b.c.d (mapped) and ::a.b.c.d (deprecated compatible form)
        if (isZero(b, 0, 10) && ((b[10] == (byte) 0xff && b[11] == (byte) 0xff) || (b[10] == 0 && b[11] == 0))) {
            return embedded(b, 12);
        }
        // ::ffff:0:a.b.c.d (IPv4-translated, RFC 2765 / SIIT): translators deliver it to the embedded IPv4 address.
        if (isZero(b, 0, 8) && b[8] == (byte) 0xff && b[9] == (byte) 0xff && b[10] == 0 && b[11] == 0) {
            return embedded(b, 12);
        }
        // 64:ff9b:1::/48, the local-use NAT64 prefix (RFC 8215), like the well-known one.
        if (b[0] == 0 && b[1] == 0x64 && b[2] == (byte) 0xff && b[3] == (byte) 0x9b && b[4] == 0 && b[5] == 1) {
            return embedded(b, 12);
        }
        // 64:ff9b::/96, the NAT64 well-known prefix: the gateway connects to the embedded IPv4 address.
        if (b[0] == 0 && b[1] == 0x64 && b[2] == (byte) 0xff && b[3] == (byte) 0x9b && isZero(b, 4, 12)) {
            return embedded(b, 12);
        }
        // 2002::/16, 6to4: relays route to the IPv4 address in bits 16..47.
        if (b[0] == 0x20 && b[1] == 0x02) {
            return embedded(b, 2);
        }
        int first = b[0] & 0xff;
        if ((first & 0xfe) == 0xfc) {
            return Category.UNIQUE_LOCAL;
        }
        if (first == 0xfe && (b[1] & 0xc0) == 0x80) {
            return Category.LINK_LOCAL;
        }
        if (first == 0xfe && (b[1] & 0xc0) == 0xc0) {
            return Category.PRIVATE; // fec0::/10, deprecated site-local
        }
        if (first == 0xff) {
            return Category.MULTICAST;
        }
        if ((first == 0x01 && b[1] == 0 && isZero(b, 2, 8)) // 100::/64 discard-only
                || (first == 0x20 && b[1] == 0x01 && b[2] == 0x0d && b[3] == (byte) 0xb8)) { // 2001:db8::/32 documentation
            return Category.RESERVED;
        }
        return Category.PUBLIC;
    }

    private static Category embedded(byte[] b, int from) {
        return classifyV4(Arrays.copyOfRange(b, from, from + 4));
    }

    private static boolean isZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** Parses an IP literal without any DNS lookup; null when the text is not one. */
    /**
     * A host made only of numbers (decimal, octal-looking, hex) that is not a plain dotted quad:
     * {@code 0177.0.0.1}, {@code 0x7f.1}, {@code 127.1}, {@code 2130706433}. Java, curl, browsers and
     * resolvers read these differently (Java takes 0177 as 177, curl as octal 127), so the service
     * refuses them instead of guessing which address the tenant meant.
     */
    public static boolean isAmbiguousNumericHost(String host) {
        String h = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        if (h.isEmpty() || h.indexOf(':') >= 0 || h.startsWith("[")) {
            return false;
        }
        String[] labels = h.split("\\.", -1);
        for (String label : labels) {
            if (!label.matches("(?i)[0-9]+|0x[0-9a-f]*")) {
                return false; // a name with letters: DNS decides
            }
        }
        if (labels.length != 4) {
            return true;
        }
        for (String label : labels) {
            if (!label.matches("0|[1-9][0-9]{0,2}") || Integer.parseInt(label) > 255) {
                return true;
            }
        }
        return false;
    }

    static InetAddress literal(String text) {
        String t = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        boolean v4 = t.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        boolean v6 = t.indexOf(':') >= 0 && t.matches("[0-9A-Fa-f:.%]+");
        if (!v4 && !v6) {
            return null;
        }
        try {
            return InetAddress.getByName(t);
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
