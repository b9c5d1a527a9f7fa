package dev.mcpws.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/** notifications/progress while a tool runs; notifications/cancelled stops it and no response follows. */
@RunAsClient
class CancellationProgressIT extends McpIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return testWar();
    }

    private static JsonObject slowCall(int steps, int millis, String token) {
        return Json.createObjectBuilder().add("name", "slow_task")
                .add("arguments", args().add("steps", steps).add("stepMillis", millis))
                .add("_meta", Json.createObjectBuilder().add("progressToken", token)).build();
    }

    @Test
    void progressIsReportedWithTheClientsToken() {
        try (WsClient c = legacy(LEGACY)) {
            long id = c.send("tools/call", slowCall(3, 20, "tok-1"));
            for (int i = 1; i <= 3; i++) {
                JsonObject p = c.await(m -> "notifications/progress".equals(m.getString("method", "")), "progress " + i)
                        .getJsonObject("params");
                assertEquals("tok-1", p.getString("progressToken"));
                assertEquals(i, p.getJsonNumber("progress").intValue());
                assertEquals(3, p.getJsonNumber("total").intValue());
                assertEquals("step " + i + " of 3", p.getString("message"));
            }
            assertEquals("Completed 3 steps", text(c.awaitResponse(id).getJsonObject("result")));
        }
    }

    @Test
    void injectedProgressWorksInBothEras() {
        try (WsClient c = legacy(LEGACY)) {
            long id = c.send("tools/call", Json.createObjectBuilder().add("name", "injected_progress")
                    .add("_meta", Json.createObjectBuilder().add("progressToken", 77)).build());
            JsonObject p = c.await(m -> "notifications/progress".equals(m.getString("method", "")), "progress").getJsonObject("params");
            assertEquals(77, p.getInt("progressToken"));
            assertEquals("reported=true", text(c.awaitResponse(id).getJsonObject("result")));
        }
        try (WsClient c = connect("mcp")) {
            long id = c.send("tools/call", Json.createObjectBuilder().add("name", "injected_progress")
                    .add("_meta", modernMeta().add("progressToken", "m")).build());
            c.await(m -> "notifications/progress".equals(m.getString("method", "")), "modern progress");
            assertEquals("reported=true", text(c.awaitResponse(id).getJsonObject("result")));
        }
    }

    @Test
    void noProgressWithoutAToken() throws Exception {
        try (WsClient c = legacy(LEGACY)) {
            long id = c.send("tools/call", toolCall("slow_task", args().add("steps", 2).add("stepMillis", 10)));
            c.awaitResponse(id);
            List<JsonObject> rest = c.drain(Duration.ofMillis(200));
            assertTrue(rest.isEmpty(), () -> "unexpected messages " + rest);
        }
    }

    @Test
    void cancelledCallGetsNoResponseAndTheSocketGoesOn() throws Exception {
        try (WsClient c = legacy(LEGACY)) {
            long id = c.send("tools/call", slowCall(50, 100, "cancel-me"));
            c.await(m -> "notifications/progress".equals(m.getString("method", "")), "first progress");
            c.notify("notifications/cancelled", Json.createObjectBuilder().add("requestId", id).add("reason", "user").build());
            // the task would need ~5 s more; within 1.5 s nothing for it may arrive, and progress must stop
            List<JsonObject> after = c.drain(Duration.ofMillis(1500));
            assertTrue(after.stream().noneMatch(m -> m.containsKey("id") && m.getJsonNumber("id").longValue() == id),
                    () -> "a response arrived after the cancel: " + after);
            assertTrue(after.stream().filter(m -> m.containsKey("method")).count() <= 1,
                    () -> "progress went on after the cancel: " + after);
            assertTrue(c.call("ping", null).isEmpty(), "the socket still serves");
            // the same id may be used again once the request is gone
            c.sendText("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"ping\"}");
            assertTrue(c.awaitResponse(id).containsKey("result"));
        }
    }

    @Test
    void modernCancellationToo() throws Exception {
        try (WsClient c = connect("mcp")) {
            long id = c.send("tools/call", Json.createObjectBuilder().add("name", "slow_task")
                    .add("arguments", args().add("steps", 30).add("stepMillis", 100)).add("_meta", modernMeta()).build());
            Thread.sleep(200);
            c.notify("notifications/cancelled", Json.createObjectBuilder().add("requestId", id).build());
            List<JsonObject> after = c.drain(Duration.ofMillis(1000));
            assertTrue(after.isEmpty(), () -> "nothing may arrive after the cancel: " + after);
        }
    }

    @Test
    void closingTheSocketCancelsItsWork() throws Exception {
        int before;
        try (WsClient probe = legacy(LEGACY)) {
            before = Integer.parseInt(text(probe.call("tools/call", toolCall("stopped_by_cancel", args()))));
        }
        WsClient legacy = legacy(LEGACY);
        legacy.send("tools/call", toolCall("wait_for_cancel", args()));
        WsClient modern = connect("mcp");
        modern.send("tools/call", Json.createObjectBuilder().add("name", "wait_for_cancel").add("_meta", modernMeta()).build());
        Thread.sleep(300); // both calls are running
        legacy.close();
        modern.close();
        try (WsClient probe = legacy(LEGACY)) {
            int stopped = before;
            for (int i = 0; i < 50 && stopped < before + 2; i++) {
                Thread.sleep(100);
                stopped = Integer.parseInt(text(probe.call("tools/call", toolCall("stopped_by_cancel", args()))));
            }
            assertEquals(before + 2, stopped, "both calls were cancelled by their socket's close");
        }
    }
}
