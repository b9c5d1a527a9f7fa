package dev.mcpws.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * Origin and Host against the production WAR with no configuration at all (only its context root differs: the test
 * server serves it at {@code /plain}). The server listens on localhost, so the DNS-rebinding rule is on.
 */
@RunAsClient
class SecureDefaultsIT extends McpIT {

    static final String DISCOVER = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"server/discover\",\"params\":{\"_meta\":{"
            + "\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\",\"io.modelcontextprotocol/clientCapabilities\":{}}}}";
    static final String MODERN_HEADERS = "MCP-Protocol-Version: 2026-07-28\r\nMcp-Method: server/discover\r\n";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return productionWar("plain");
    }

    private int port() {
        return base.getPort();
    }

    private String localhost() {
        return "localhost:" + port();
    }

    private RawHttp.Response upgrade(String host, String extra) throws IOException {
        return RawHttp.exchange("localhost", port(), RawHttp.upgrade("/plain/mcp", host, extra));
    }

    private RawHttp.Response post(String host, String extra) throws IOException {
        return RawHttp.exchange("localhost", port(), RawHttp.post("/plain/mcp", host, MODERN_HEADERS + extra, DISCOVER));
    }

    private RawHttp.Response method(String method, String extra) throws IOException {
        return RawHttp.exchange("localhost", port(), method + " /plain/mcp HTTP/1.1\r\nHost: " + localhost()
                + "\r\nConnection: close\r\nAccept: text/event-stream\r\n" + extra + "\r\n");
    }

    @Test
    void aCrossOriginUpgradeIs403AndCounted() throws IOException {
        double before = metric("mcp_server_handshakes_rejected_total", "reason=\"origin\"");
        RawHttp.Response r = upgrade(localhost(), "Origin: http://evil.example\r\n");
        assertEquals(403, r.status(), r.head());
        assertFalse(r.body().contains("evil.example"), "the refusal does not echo the origin: " + r.body());
        assertEquals(before + 1, metric("mcp_server_handshakes_rejected_total", "reason=\"origin\""));
    }

    @Test
    void originNullIs403() throws IOException {
        assertEquals(403, upgrade(localhost(), "Origin: null\r\n").status());
        assertEquals(403, post(localhost(), "Origin: null\r\n").status());
    }

    @Test
    void aCrossOriginRequestIs403OnEveryHttpMethod() throws IOException {
        RawHttp.Response r = post(localhost(), "Origin: https://evil.example\r\n");
        assertEquals(403, r.status(), r.head());
        assertTrue(r.body().contains("\"error\""), r.body());
        for (String m : new String[] {"GET", "DELETE", "OPTIONS", "PUT"}) {
            assertEquals(403, method(m, "Origin: https://evil.example\r\n").status(), m);
        }
    }

    @Test
    void aRebindingHostIs403AndCounted() throws IOException {
        double before = metric("mcp_server_handshakes_rejected_total", "reason=\"host\"");
        String evil = "evil.example.com:" + port();
        // what the conformance suite sends: the attacker's name as Host, and its page as (same) Origin
        assertEquals(403, post(evil, "Origin: http://" + evil + "\r\n").status());
        assertEquals(403, upgrade(evil, "Origin: http://" + evil + "\r\n").status());
        assertEquals(403, post(evil, "").status(), "without Origin too");
        assertEquals(before + 3, metric("mcp_server_handshakes_rejected_total", "reason=\"host\""));
    }

    @Test
    void loopbackOriginsWork() throws IOException {
        assertEquals(101, upgrade(localhost(), "Origin: http://localhost:5173\r\n").status());
        assertEquals(101, upgrade("127.0.0.1:" + port(), "Origin: http://127.0.0.1:3000\r\n").status());
        assertEquals(101, upgrade("[::1]:" + port(), "Origin: http://[::1]:3000\r\n").status());
        RawHttp.Response r = post(localhost(), "Origin: http://localhost:5173\r\n");
        assertEquals(200, r.status(), r.head() + r.body());
    }

    @Test
    void sameOriginAndNoOriginWork() throws IOException {
        assertEquals(101, upgrade(localhost(), "Origin: http://" + localhost() + "\r\n").status());
        assertEquals(200, post(localhost(), "Origin: http://" + localhost() + "\r\n").status());
        assertEquals(101, upgrade(localhost(), "").status());
        assertEquals(200, post(localhost(), "").status());
    }

    /** mcp.console.enabled is off by default: the console is not there (ConsoleIT shows it served when enabled). */
    @Test
    void theBrowserConsoleIsOffByDefault() throws IOException {
        for (String path : new String[] {"/plain/console", "/plain/console/", "/plain/console/index.html",
                "/plain/console/console.js"}) {
            RawHttp.Response r = RawHttp.exchange("localhost", port(), "GET " + path + " HTTP/1.1\r\nHost: " + localhost()
                    + "\r\nConnection: close\r\n\r\n");
            assertEquals(404, r.status(), path + ": " + r.head());
            assertFalse(r.body().contains("MCP console") || r.body().contains("import"), path + ": " + r.body());
        }
    }

    @Test
    void containerErrorsOfTheProductionWarCarryNoInternals() throws IOException {
        RawHttp.Response chunked = RawHttp.exchange("localhost", port(), "POST /plain/mcp HTTP/1.1\r\nHost: " + localhost()
                + "\r\nConnection: close\r\nContent-Type: application/json\r\nAccept: application/json, text/event-stream\r\n"
                + MODERN_HEADERS + "Transfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n");
        assertEquals(400, chunked.status(), chunked.head());
        NoLeaksIT.assertNoInternals("chunked POST", chunked.body());
        RawHttp.Response put = method("PUT", "");
        RawHttp.Response notFound = RawHttp.exchange("localhost", port(), "GET /plain/nothing-here HTTP/1.1\r\nHost: "
                + localhost() + "\r\nConnection: close\r\n\r\n");
        assertEquals(404, notFound.status());
        NoLeaksIT.assertNoInternals("404", notFound.body());
        assertEquals(405, put.status());
        NoLeaksIT.assertNoInternals("405", put.body());
    }

    @Test
    void withoutAuthenticationTheAdminToolIsNeitherListedNorCallable() throws IOException {
        String meta = "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
                + "\"io.modelcontextprotocol/clientCapabilities\":{}}";
        RawHttp.Response list = RawHttp.exchange("localhost", port(), RawHttp.post("/plain/mcp", localhost(),
                "MCP-Protocol-Version: 2026-07-28\r\nMcp-Method: tools/list\r\n",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\",\"params\":{" + meta + "}}"));
        assertEquals(200, list.status());
        assertTrue(list.body().contains("\"echo\""), "the example tools are listed: " + list.body());
        assertFalse(list.body().contains("server_stats"), list.body());
        RawHttp.Response call = RawHttp.exchange("localhost", port(), RawHttp.post("/plain/mcp", localhost(),
                "MCP-Protocol-Version: 2026-07-28\r\nMcp-Method: tools/call\r\nMcp-Name: server_stats\r\n",
                "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{" + meta
                        + ",\"name\":\"server_stats\",\"arguments\":{}}}"));
        assertTrue(call.body().contains("Unknown tool: server_stats"), call.body());
    }
}
