package dev.mcpws.transport;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** DNS-rebinding protection: a server reached on a loopback address accepts only loopback (or listed) Host names. */
class HostPolicyTest {

    private static final HostPolicy DEFAULT = HostPolicy.parse(null);

    @Test
    void aLoopbackServerAcceptsLoopbackHosts() {
        for (String host : new String[] {"localhost", "localhost:9080", "LOCALHOST:1", "127.0.0.1", "127.0.0.1:9080",
                "127.1.2.3:80", "[::1]", "[::1]:9080", "[0:0:0:0:0:0:0:1]:9080"}) {
            assertTrue(DEFAULT.permits(host, "127.0.0.1"), host);
        }
        assertTrue(DEFAULT.permits("localhost:9080", "0:0:0:0:0:0:0:1"), "an IPv6 loopback listener");
        assertTrue(DEFAULT.permits("localhost:9080", "0:0:0:0:0:0:0:1%lo"), "with its interface");
    }

    @Test
    void aLoopbackServerRefusesARebindingHost() {
        for (String host : new String[] {"evil.example", "evil.example:9080", "localhost.evil.example",
                "127.0.0.1.evil.example", "128.0.0.1", "[::2]", "10.0.0.1:9080", "localhost:x", "", "a:b:c"}) {
            assertFalse(DEFAULT.permits(host, "127.0.0.1"), host);
            assertFalse(DEFAULT.permits(host, "0:0:0:0:0:0:0:1"), host);
        }
    }

    @Test
    void aServerReachedOnAnotherAddressDoesNotCheck() {
        assertTrue(DEFAULT.permits("mcp.example.com", "10.1.2.3"));
        assertTrue(DEFAULT.permits("evil.example", "192.168.1.5"));
    }

    @Test
    void noHostIsNotABrowser() {
        assertTrue(DEFAULT.permits(null, "127.0.0.1"));
    }

    @Test
    void theListAddsHostNamesOnAnyPort() {
        HostPolicy listed = HostPolicy.parse("mcp.internal, Dev.Box");
        assertTrue(listed.permits("mcp.internal:9080", "127.0.0.1"));
        assertTrue(listed.permits("dev.box", "127.0.0.1"));
        assertTrue(listed.permits("localhost", "127.0.0.1"));
        assertFalse(listed.permits("evil.example", "127.0.0.1"));
        assertFalse(listed.allowsAll());
        assertTrue(HostPolicy.parse("*").permits("evil.example", "127.0.0.1"));
        assertTrue(HostPolicy.parse("*").allowsAll());
    }
}
