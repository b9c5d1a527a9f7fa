package dev.mcpws.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/** Many requests in flight on one socket, run concurrently and answered out of order. */
@RunAsClient
class ConcurrencyIT extends McpIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return testWar();
    }

    @Test
    void twoHundredConcurrentCallsAreAllAnsweredWithTheirIds() throws Exception {
        try (WsClient c = legacy(LEGACY)) {
            List<Long> sent = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                // odd requests are slow, even ones fast: answers must overtake each other
                sent.add(i % 2 == 1
                        ? c.send("tools/call", toolCall("slow_task", args().add("steps", 2).add("stepMillis", 50)))
                        : c.send("tools/call", toolCall("echo", args().add("text", "m" + i))));
            }
            List<Long> order = new ArrayList<>();
            Set<Long> seen = new HashSet<>();
            for (int i = 0; i < 200; i++) {
                JsonObject r = c.await(m -> m.containsKey("id") && m.containsKey("result"), "response " + i);
                long id = r.getJsonNumber("id").longValue();
                order.add(id);
                seen.add(id);
                int index = sent.indexOf(id);
                String expected = index % 2 == 1 ? "Completed 2 steps" : "m" + index;
                assertEquals(expected, text(r.getJsonObject("result")), "the answer belongs to request " + id);
            }
            assertEquals(new HashSet<>(sent), seen, "every request answered exactly once");
            assertNotEquals(sent, order, "answers arrived out of request order");
        }
    }
}
