package dev.mcpws.transport;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * DNS-rebinding protection by the {@code Host} header. It applies only to a request that reached the server on a
 * loopback address ({@code request.getLocalAddr()}: a server bound to {@code localhost}, the default of
 * {@code http.host}); such a request must name a loopback host ({@code localhost}, {@code 127.0.0.0/8},
 * {@code [::1]}, any port) or an entry of {@code mcp.allowed-hosts} (host names, any port; {@code *} = any host).
 * A request to a non-loopback address is not checked: its Host is whatever name the server is published under.
 * A request without {@code Host} (HTTP/1.0) cannot come from a browser and is accepted.
 */
public record HostPolicy(Set<String> allowed) {

    public HostPolicy {
        allowed = allowed.stream().map(a -> a.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    /** Parses a comma-separated list (blank entries ignored); null is the default policy. */
    public static HostPolicy parse(String list) {
        if (list == null) {
            return new HostPolicy(Set.of());
        }
        return new HostPolicy(Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .collect(Collectors.toSet()));
    }

    /** Whether {@code *} turns the check off (logged as a warning at start). */
    public boolean allowsAll() {
        return allowed.contains("*");
    }

    /**
     * @param host      the request's {@code Host} header (null: none)
     * @param localAddr the address the request arrived on ({@code request.getLocalAddr()})
     */
    public boolean permits(String host, String localAddr) {
        if (host == null || allowsAll() || !Loopback.isLoopback(localAddr)) {
            return true;
        }
        String name = Loopback.hostOf(host);
        if (name == null) {
            return false;
        }
        return Loopback.isLoopback(name) || allowed.contains(name);
    }
}
