package dev.mcpws.transport;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which browser origins may call the endpoint (DNS-rebinding protection). A request without {@code Origin} (not a
 * browser) is accepted. An empty list accepts every origin; {@code *} does too; an entry ending in {@code :*}
 * ({@code http://localhost:*}) accepts that scheme and host on any port; any other entry must match exactly.
 */
public record OriginPolicy(Set<String> allowed) {

    public OriginPolicy {
        allowed = Set.copyOf(allowed);
    }

    /** Parses a comma-separated list (blank entries ignored). */
    public static OriginPolicy parse(String list) {
        if (list == null) {
            return new OriginPolicy(Set.of());
        }
        return new OriginPolicy(Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .collect(Collectors.toSet()));
    }

    public boolean permits(String origin) {
        if (origin == null || allowed.isEmpty() || allowed.contains("*") || allowed.contains(origin)) {
            return true;
        }
        for (String a : allowed) {
            if (a.endsWith(":*")) {
                String prefix = a.substring(0, a.length() - 1); // "http://localhost:"
                String base = a.substring(0, a.length() - 2);   // "http://localhost"
                if (origin.equals(base) || (origin.startsWith(prefix) && isPort(origin.substring(prefix.length())))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isPort(String s) {
        if (s.isEmpty() || s.length() > 5) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!Character.isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
