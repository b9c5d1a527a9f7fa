package dev.mcpws.transport;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which browser origins may call {@code /mcp}, on both transports. Always accepted: a request without {@code Origin}
 * (not a browser); an origin equal to the request's own {@code scheme://host:port}; a loopback origin
 * ({@code http(s)://localhost}, {@code 127.0.0.1}, {@code [::1]}, any port). Also accepted: the entries of
 * {@code mcp.allowed-origins}, exact or ending in {@code :*} ({@code https://app.example:*} = that scheme and host on
 * any port); {@code *} accepts every origin. Everything else is refused, {@code Origin: null} included.
 */
public record OriginPolicy(Set<String> allowed) {

    public OriginPolicy {
        allowed = allowed.stream().map(a -> a.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    /** Parses a comma-separated list (blank entries ignored); null is the default policy. */
    public static OriginPolicy parse(String list) {
        if (list == null) {
            return new OriginPolicy(Set.of());
        }
        return new OriginPolicy(Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .collect(Collectors.toSet()));
    }

    /** Whether {@code *} opens the endpoint to every origin (logged as a warning at start). */
    public boolean allowsAll() {
        return allowed.contains("*");
    }

    /**
     * @param origin the request's {@code Origin} header (null: none)
     * @param scheme the request's scheme ({@code http} for a {@code ws://} upgrade, {@code https} for {@code wss://})
     * @param host   the request's {@code Host} header (null: none)
     */
    public boolean permits(String origin, String scheme, String host) {
        if (origin == null || allowsAll()) {
            return true;
        }
        String o = origin.trim().toLowerCase(Locale.ROOT);
        if (allowed.contains(o)) {
            return true;
        }
        Origin parsed = Origin.parse(o);
        if (parsed == null) {
            return false; // "null", garbage
        }
        if (Loopback.isLoopback(parsed.host())) {
            return true;
        }
        if (scheme != null && host != null && parsed.equals(Origin.parse(scheme.toLowerCase(Locale.ROOT) + "://"
                + host.trim().toLowerCase(Locale.ROOT)))) {
            return true;
        }
        for (String a : allowed) {
            if (a.endsWith(":*")) {
                String base = a.substring(0, a.length() - 2); // "https://app.example"
                if ((parsed.scheme() + "://" + parsed.host()).equals(base)) {
                    return true;
                }
            } else {
                Origin entry = Origin.parse(a);
                if (parsed.equals(entry)) {
                    return true; // the same origin spelled with its default port, or without it
                }
            }
        }
        return false;
    }

    /** An http(s) origin, the port made explicit. */
    private record Origin(String scheme, String host, int port) {

        static Origin parse(String s) {
            int sep = s.indexOf("://");
            if (sep < 0) {
                return null;
            }
            String scheme = s.substring(0, sep);
            int defaultPort = switch (scheme) {
                case "http" -> 80;
                case "https" -> 443;
                default -> -1;
            };
            if (defaultPort < 0) {
                return null;
            }
            String authority = s.substring(sep + 3);
            String host = Loopback.hostOf(authority);
            if (host == null || host.isEmpty() || authority.contains("/") || authority.contains("@")) {
                return null;
            }
            String rest = authority.substring(host.length());
            int port = rest.isEmpty() ? defaultPort : Integer.parseInt(rest.substring(1));
            return new Origin(scheme, host, port);
        }
    }
}
