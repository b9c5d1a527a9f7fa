package dev.mcpws.transport;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The one Origin policy of both transports: secure by default, widened by {@code mcp.allowed-origins}. */
class OriginPolicyTest {

    private static final OriginPolicy DEFAULT = OriginPolicy.parse(null);

    private static boolean byDefault(String origin) {
        return DEFAULT.permits(origin, "http", "mcp.example:9080");
    }

    @Test
    void noOriginIsNotABrowserAndIsAccepted() {
        assertTrue(byDefault(null));
    }

    @Test
    void theRequestsOwnOriginIsAccepted() {
        assertTrue(byDefault("http://mcp.example:9080"));
        assertTrue(byDefault("HTTP://MCP.example:9080"), "scheme and host are case-insensitive");
        assertTrue(DEFAULT.permits("https://mcp.example", "https", "mcp.example:443"), "the default port, spelled or not");
        assertTrue(DEFAULT.permits("https://mcp.example:443", "https", "mcp.example"));
        assertFalse(byDefault("http://mcp.example:9081"), "another port is another origin");
        assertFalse(byDefault("https://mcp.example:9080"), "another scheme is another origin");
        assertFalse(byDefault("http://mcp.example.evil:9080"));
        assertFalse(DEFAULT.permits("http://mcp.example:9080", "http", null), "no Host: nothing to be the same as");
    }

    @Test
    void loopbackOriginsAreAcceptedOnAnyPort() {
        assertTrue(byDefault("http://localhost:5173"));
        assertTrue(byDefault("https://localhost"));
        assertTrue(byDefault("http://127.0.0.1:8080"));
        assertTrue(byDefault("http://[::1]:3000"));
        assertFalse(byDefault("http://localhost.evil.example"));
        assertFalse(byDefault("http://localhost:80x"));
        assertFalse(byDefault("http://evil.example/localhost"));
        assertFalse(byDefault("http://localhost@evil.example"));
        assertFalse(byDefault("file://localhost"), "only http(s) origins");
    }

    @Test
    void everyOtherOriginIsRefusedByDefault() {
        assertFalse(byDefault("http://evil.example"));
        assertFalse(byDefault("null"), "sandboxed iframes and file: pages send Origin: null");
        assertFalse(byDefault(""));
        assertFalse(byDefault("garbage"));
    }

    @Test
    void theListAddsOriginsExactlyOrOnAnyPort() {
        OriginPolicy listed = OriginPolicy.parse("https://app.example:*, http://other.example");
        assertTrue(listed.permits("https://app.example:8443", "http", "mcp.example"));
        assertTrue(listed.permits("https://app.example", "http", "mcp.example"));
        assertTrue(listed.permits("http://other.example", "http", "mcp.example"));
        assertTrue(listed.permits("http://other.example:80", "http", "mcp.example"));
        assertTrue(listed.permits("http://localhost:1", "http", "mcp.example"), "the defaults still hold");
        assertFalse(listed.permits("http://app.example:8443", "http", "mcp.example"), "the scheme must match");
        assertFalse(listed.permits("http://other.example:8080", "http", "mcp.example"));
        assertFalse(listed.permits("https://app.example.evil:1", "http", "mcp.example"));
        assertFalse(listed.permits("null", "http", "mcp.example"));
        assertFalse(listed.allowsAll());
    }

    @Test
    void starOpensItExplicitly() {
        OriginPolicy all = OriginPolicy.parse("*");
        assertTrue(all.allowsAll());
        assertTrue(all.permits("http://evil.example", "http", "mcp.example"));
        assertTrue(all.permits("null", "http", "mcp.example"));
    }
}
