package dev.mcpws.it.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcpws.cdi.McpServer;
import dev.mcpws.transport.http.HttpTransport;
import dev.mcpws.transport.websocket.WebSocketTransport;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The example {@code deploy/haproxy/haproxy.cfg} against the server's own defaults (read from the code, so a changed
 * default fails here until the example follows), and {@link Haproxy#configure}: only addresses are replaced, every
 * other line of the example is what {@code ClusterIT} runs.
 */
class HaproxyExampleTest {

    private static final List<String> LINES = read();

    private static List<String> read() {
        try {
            List<String> lines = new ArrayList<>();
            for (String l : Files.readAllLines(Haproxy.EXAMPLE, StandardCharsets.UTF_8)) {
                int hash = l.indexOf('#');
                String t = (hash >= 0 ? l.substring(0, hash) : l).strip();
                if (!t.isEmpty()) {
                    lines.add(t);
                }
            }
            return lines;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The value of the one line starting with {@code directive + " "}. */
    private static String value(String directive) {
        List<String> found = LINES.stream().filter(l -> l.equals(directive) || l.startsWith(directive + " ")).toList();
        assertEquals(1, found.size(), directive + " once: " + found);
        return found.get(0).substring(directive.length()).strip();
    }

    /** HAProxy's time format: a number with us, ms (the default), s, m, h or d. */
    static long millis(String time) {
        String t = time.strip();
        Map<String, Long> units = new LinkedHashMap<>();
        units.put("us", 0L);
        units.put("ms", 1L);
        units.put("s", 1_000L);
        units.put("m", 60_000L);
        units.put("h", 3_600_000L);
        units.put("d", 86_400_000L);
        for (var u : units.entrySet()) {
            if (t.endsWith(u.getKey()) && Character.isDigit(t.charAt(t.length() - u.getKey().length() - 1))) {
                return Long.parseLong(t.substring(0, t.length() - u.getKey().length())) * u.getValue();
            }
        }
        return Long.parseLong(t);
    }

    private static long codeDefault(Class<?> type, String key) {
        for (Field f : type.getDeclaredFields()) {
            ConfigProperty p = f.getAnnotation(ConfigProperty.class);
            if (p != null && p.name().equals(key)) {
                return Long.parseLong(p.defaultValue());
            }
        }
        throw new AssertionError("no @ConfigProperty " + key + " in " + type.getName());
    }

    /** The value following {@code keyword} on the default-server line. */
    private static String serverOption(String keyword) {
        String[] words = value("default-server").split("\\s+");
        for (int i = 0; i < words.length - 1; i++) {
            if (words[i].equals(keyword)) {
                return words[i + 1];
            }
        }
        throw new AssertionError("default-server has no " + keyword);
    }

    @Test
    void timeoutsFollowTheServersDefaults() {
        long heartbeat = codeDefault(WebSocketTransport.class, "mcp.heartbeat.interval-ms");
        assertTrue(millis(value("timeout tunnel")) > 2 * heartbeat,
                "an idle socket that answers pings is silent up to 2 heartbeat intervals: " + value("timeout tunnel"));
        long requestTimeout = codeDefault(McpServer.class, "mcp.request.timeout-ms");
        assertTrue(millis(value("timeout server")) > requestTimeout, "a JSON POST may be silent until its result");
        long keepAlive = codeDefault(HttpTransport.class, "mcp.http.sse-keepalive-ms");
        assertTrue(millis(value("timeout client")) > keepAlive && millis(value("timeout server")) > keepAlive,
                "SSE streams carry a comment every " + keepAlive + " ms");
    }

    @Test
    void aDeadNodeLeavesRotationWithinAboutASecondAndConnectsAreRedispatched() {
        assertEquals("", value("option httpchk"), "the check is described by http-check send");
        assertTrue(value("http-check send").contains("uri /health/ready"), value("http-check send"));
        assertEquals("status 200", value("http-check expect"));
        long inter = millis(serverOption("inter"));
        long fall = Long.parseLong(serverOption("fall"));
        assertTrue(inter * fall <= 1_000, "inter " + inter + " ms x fall " + fall);
        assertTrue(millis(value("timeout check")) <= inter * 2, "a hanging check ends before the next ones pile up");
        assertTrue(value("default-server").contains("on-error mark-down"), "a refused connect marks a node down");
        assertTrue(Integer.parseInt(value("retries")) >= 1);
        // HAProxy waits min(timeout connect, 1 s) before any retry, a redispatched one included (seen in ClusterIT's
        // log as Tw of about 1,000 ms with 1 s): that wait is added to a failover whose first connect hit a dead node
        assertTrue(millis(value("timeout connect")) <= 250, "the turn-around before a redispatch: " + value("timeout connect"));
        assertEquals("1", value("option redispatch"), "redispatch at every retry");
        assertEquals("leastconn", value("balance"));
        assertEquals("http", value("mode"));
    }

    @Test
    void theTestReplacesOnlyAddresses() throws Exception {
        String example = Files.readString(Haproxy.EXAMPLE, StandardCharsets.UTF_8);
        Map<String, Integer> nodes = new LinkedHashMap<>();
        nodes.put("b", 1111);
        nodes.put("c", 2222);
        String run = Haproxy.configure(example, 3333, Path.of("/tmp/x/admin.sock"), nodes);
        List<String> kept = new ArrayList<>();
        for (String l : example.split("\n")) {
            String t = l.strip();
            if (!t.startsWith("bind ") && !t.startsWith("server ") && !t.startsWith("stats socket ")) {
                kept.add(l);
            }
        }
        List<String> runKept = new ArrayList<>();
        for (String l : run.split("\n")) {
            String t = l.strip();
            if (!t.startsWith("bind ") && !t.startsWith("server ") && !t.startsWith("stats socket ")) {
                runKept.add(l);
            }
        }
        assertEquals(kept, runKept, "every other line as written");
        assertTrue(run.contains("    bind 127.0.0.1:3333\n"), run);
        assertTrue(run.contains("    server b 127.0.0.1:1111\n    server c 127.0.0.1:2222\n"), run);
        assertTrue(run.contains("stats socket /tmp/x/admin.sock mode 600 level admin"), run);
    }
}
