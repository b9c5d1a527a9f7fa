package dev.mcpws.it;

import static dev.mcpws.it.WsClient.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/** McpLog from tools: legacy logging/setLevel, the per-request 2026-07-28 level, nothing without one. */
@RunAsClient
class LoggingIT extends McpIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return testWar();
    }

    /** Calls a tool and returns the notifications/message that came with it, in order. */
    static List<JsonObject> logsOf(WsClient c, String tool, JsonObject params) throws InterruptedException {
        long id = c.send("tools/call", params);
        JsonObject response = c.awaitResponse(id);
        if (!response.containsKey("result")) {
            throw new AssertionError(tool + " failed: " + response);
        }
        return c.drain(Duration.ofMillis(200)).stream().filter(m -> "notifications/message".equals(m.getString("method", "")))
                .map(m -> m.getJsonObject("params")).toList();
    }

    static List<String> levels(List<JsonObject> messages) {
        return messages.stream().map(m -> m.getString("level")).toList();
    }

    static JsonObject withLevel(JsonObject call, String level) {
        return Json.createObjectBuilder(call).add("_meta", modernMeta()
                .add("io.modelcontextprotocol/logLevel", level)).build();
    }

    @Test
    void legacyGetsEveryLevelUntilSetLevelThenOnlyFromThatLevel() throws InterruptedException {
        try (WsClient c = legacy(LEGACY)) {
            JsonObject call = toolCall("log_levels", args());
            List<JsonObject> all = logsOf(c, "log_levels", call);
            assertEquals(List.of("debug", "info", "warning", "error"), levels(all));
            assertEquals(Json.createObjectBuilder().add("level", "info").add("logger", "it")
                    .add("data", Json.createObjectBuilder().add("step", 1)).build(), all.get(1));
            assertEquals(Json.createValue("debug message"), all.get(0).get("data"));

            assertEquals(JsonValue.EMPTY_JSON_OBJECT, c.call("logging/setLevel",
                    Json.createObjectBuilder().add("level", "warning").build()));
            assertEquals(List.of("warning", "error"), levels(logsOf(c, "log_levels", call)));
            assertError(c.request("logging/setLevel", Json.createObjectBuilder().add("level", "loud").build()), -32602);
            assertEquals(List.of("warning", "error"), levels(logsOf(c, "log_levels", call)), "unchanged by the bad level");
        }
    }

    @Test
    void modernRequestsGetMessagesOnlyAtTheirOwnLevel() throws InterruptedException {
        try (WsClient m = connect("mcp")) {
            JsonObject call = toolCall("log_levels", args());
            assertEquals(List.of(), logsOf(m, "log_levels", modern(Json.createObjectBuilder(call))), "no level, no messages");
            assertEquals(List.of("warning", "error"), levels(logsOf(m, "log_levels", withLevel(call, "warning"))));
            assertEquals(List.of("debug", "info", "warning", "error"), levels(logsOf(m, "log_levels", withLevel(call, "debug"))));
            assertEquals(List.of(), logsOf(m, "log_levels", modern(Json.createObjectBuilder(call))),
                    "the level of an earlier request does not carry over");
            List<JsonObject> param = logsOf(m, "log_param", withLevel(toolCall("log_param", args().add("text", "hello")), "notice"));
            assertEquals(List.of(Json.createObjectBuilder().add("level", "notice").add("data", "hello").build()), param);
            assertError(m.request("logging/setLevel", modern(Json.createObjectBuilder().add("level", "info"))), -32601);
        }
    }

    @Test
    void legacyInitializeAdvertisesLogging() {
        try (WsClient c = connect("mcp")) {
            JsonObject init = c.call("initialize", Json.createObjectBuilder().add("protocolVersion", "2024-11-05")
                    .add("capabilities", Json.createObjectBuilder())
                    .add("clientInfo", Json.createObjectBuilder().add("name", "it").add("version", "1")).build());
            assertEquals(JsonValue.EMPTY_JSON_OBJECT, init.getJsonObject("capabilities").getJsonObject("logging"));
        }
    }
}
