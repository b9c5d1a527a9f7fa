package dev.mcpws.transport;

import java.util.Locale;

/** Loopback names and addresses, recognised without any DNS lookup. */
final class Loopback {

    private Loopback() {
    }

    /**
     * Whether {@code host} (a host name, an IPv4 literal or a bracketed or bare IPv6 literal, no port) is loopback:
     * {@code localhost}, {@code 127.0.0.0/8}, {@code ::1}.
     */
    static boolean isLoopback(String host) {
        if (host == null || host.isEmpty()) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        int zone = h.indexOf('%');
        if (zone >= 0) {
            h = h.substring(0, zone); // a local address may carry its interface (0:0:0:0:0:0:0:1%lo)
        }
        if (h.startsWith("::ffff:")) {
            h = h.substring(7); // IPv4-mapped
        }
        if (h.equals("localhost") || h.equals("localhost.")) {
            return true;
        }
        if (h.indexOf(':') >= 0) {
            return isIpv6Loopback(h);
        }
        String[] parts = h.split("\\.", -1);
        if (parts.length != 4 || !parts[0].equals("127")) {
            return false;
        }
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit) || Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }

    /** {@code ::1} in any of its spellings ({@code 0:0:0:0:0:0:0:1}, {@code ::0:1}); a zone id is not allowed. */
    private static boolean isIpv6Loopback(String h) {
        if (!h.chars().allMatch(c -> c == ':' || Character.digit(c, 16) >= 0)) {
            return false;
        }
        int gap = h.indexOf("::");
        String[] groups;
        if (gap >= 0) {
            if (h.indexOf("::", gap + 1) >= 0) {
                return false;
            }
            String head = h.substring(0, gap);
            String tail = h.substring(gap + 2);
            String[] a = head.isEmpty() ? new String[0] : head.split(":", -1);
            String[] b = tail.isEmpty() ? new String[0] : tail.split(":", -1);
            if (a.length + b.length > 7) {
                return false;
            }
            groups = new String[8];
            java.util.Arrays.fill(groups, "0");
            System.arraycopy(a, 0, groups, 0, a.length);
            System.arraycopy(b, 0, groups, 8 - b.length, b.length);
        } else {
            groups = h.split(":", -1);
            if (groups.length != 8) {
                return false;
            }
        }
        for (int i = 0; i < 8; i++) {
            String g = groups[i];
            if (g.isEmpty() || g.length() > 4) {
                return false;
            }
            if (Integer.parseInt(g, 16) != (i == 7 ? 1 : 0)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The host part of a {@code Host} header value or an origin's authority ({@code host}, {@code host:port},
     * {@code [v6]}, {@code [v6]:port}), lower-cased; null when it is not of that shape.
     */
    static String hostOf(String authority) {
        if (authority == null) {
            return null;
        }
        String a = authority.trim().toLowerCase(Locale.ROOT);
        if (a.isEmpty()) {
            return null;
        }
        if (a.startsWith("[")) {
            int end = a.indexOf(']');
            if (end < 0) {
                return null;
            }
            String rest = a.substring(end + 1);
            if (!rest.isEmpty() && !(rest.startsWith(":") && isPort(rest.substring(1)))) {
                return null;
            }
            return a.substring(0, end + 1);
        }
        int colon = a.indexOf(':');
        if (colon < 0) {
            return a;
        }
        if (a.indexOf(':', colon + 1) >= 0 || !isPort(a.substring(colon + 1))) {
            return null;
        }
        return a.substring(0, colon);
    }

    static boolean isPort(String s) {
        return !s.isEmpty() && s.length() <= 5 && s.chars().allMatch(c -> c >= '0' && c <= '9');
    }
}
