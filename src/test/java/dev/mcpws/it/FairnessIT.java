package dev.mcpws.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * Fairness on a real Liberty: a connection that sends a burst of slow tool calls has at most
 * {@code mcp.limits.max-running-per-connection} of them on workers; the rest wait in its own queue (they send no
 * progress), another client is served meanwhile, and a waiting call starts as soon as a running one ends.
 */
@RunAsClient
class FairnessIT extends McpIT {

    static final int SHARE = 2;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return testWar("fairness-it", String.join("\n",
                "mcp.limits.max-running-per-connection=" + SHARE,
                "mcp.request.timeout-ms=120000"));
    }

    private static boolean progressOf(JsonObject m, String token) {
        return "notifications/progress".equals(m.getString("method", null))
                && token.equals(m.getJsonObject("params").getString("progressToken", null));
    }

    @Test
    void aBurstOfSlowCallsUsesOnlyItsShareOfTheWorkers() throws Exception {
        try (WsClient greedy = legacy(LEGACY); WsClient other = legacy(LEGACY)) {
            Map<String, Long> ids = new HashMap<>();
            for (int i = 1; i <= 8; i++) {
                String token = "t" + i;
                ids.put(token, greedy.send("tools/call", Json.createObjectBuilder().add("name", "slow_task")
                        .add("arguments", args().add("steps", 600).add("stepMillis", 100))
                        .add("_meta", Json.createObjectBuilder().add("progressToken", token)).build()));
            }
            // the first two run: each reports progress several times (time enough for others to start, were they let)
            for (int step = 0; step < 5; step++) {
                greedy.await(m -> progressOf(m, "t1"), "progress of t1");
                greedy.await(m -> progressOf(m, "t2"), "progress of t2");
            }
            JsonObject echo = other.call("tools/call", toolCall("echo", args().add("text", "served")));
            assertEquals("served", text(echo), "another client is served while the burst runs");

            List<JsonObject> meanwhile = greedy.drain(Duration.ofMillis(500));
            assertTrue(meanwhile.stream().anyMatch(m -> progressOf(m, "t1")), "t1 still runs");
            for (int i = 3; i <= 8; i++) {
                String token = "t" + i;
                assertTrue(meanwhile.stream().noneMatch(m -> progressOf(m, token)), token + " waits for the share");
            }

            // a running call ends: the next waiting one starts in its slot
            greedy.notify("notifications/cancelled", Json.createObjectBuilder().add("requestId", ids.get("t1")).build());
            greedy.await(m -> progressOf(m, "t3"), "progress of t3 once t1 gave its slot back");
        }
    }
}
