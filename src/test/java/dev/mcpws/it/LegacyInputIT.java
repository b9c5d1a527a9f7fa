package dev.mcpws.it;

import static dev.mcpws.it.WsClient.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * Legacy era: a tool asks for input and the server sends real requests to the client (elicitation/create,
 * sampling/createMessage, roots/list), which this test answers like a client would.
 */
@RunAsClient
class LegacyInputIT extends McpIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return testWar();
    }

    private WsClient initialized(JsonObjectBuilder capabilities) {
        WsClient c = connect("mcp");
        c.call("initialize", Json.createObjectBuilder().add("protocolVersion", LEGACY)
                .add("capabilities", capabilities)
                .add("clientInfo", Json.createObjectBuilder().add("name", "it-input").add("version", "1")).build());
        c.notify("notifications/initialized", JsonValue.EMPTY_JSON_OBJECT);
        return c;
    }

    private static JsonObject serverRequest(WsClient c, String method) {
        JsonObject m = c.await(x -> method.equals(x.getString("method", null)) && x.containsKey("id"), method);
        assertEquals(JsonValue.ValueType.STRING, m.get("id").getValueType(), "server ids are strings: " + m);
        return m;
    }

    private static void answer(WsClient c, JsonObject request, JsonObjectBuilder result) {
        c.sendText(Json.createObjectBuilder().add("jsonrpc", "2.0").add("id", request.get("id"))
                .add("result", result).build().toString());
    }

    @Test
    void elicitationRoundTrip() {
        try (WsClient c = initialized(Json.createObjectBuilder().add("elicitation", Json.createObjectBuilder()))) {
            long id = c.send("tools/call", toolCall("ask_name", args()));
            JsonObject asked = serverRequest(c, "elicitation/create");
            JsonObject params = asked.getJsonObject("params");
            assertEquals("form", params.getString("mode"));
            assertEquals("What is your name?", params.getString("message"));
            assertEquals("object", params.getJsonObject("requestedSchema").getString("type"));
            answer(c, asked, Json.createObjectBuilder().add("action", "accept")
                    .add("content", Json.createObjectBuilder().add("name", "Ada")));
            JsonObject result = c.awaitResponse(id).getJsonObject("result");
            assertEquals("Hello, Ada", text(result));
            assertFalse(result.getBoolean("isError", false));
        }
    }

    @Test
    void theServerPingsTheClient() {
        try (WsClient c = legacy(LEGACY)) {
            long id = c.send("tools/call", toolCall("ping_client", args()));
            JsonObject ping = serverRequest(c, "ping");
            assertTrue(ping.getJsonObject("params") == null || ping.getJsonObject("params").isEmpty(), ping::toString);
            answer(c, ping, Json.createObjectBuilder());
            assertEquals("pong after a round trip", text(c.awaitResponse(id).getJsonObject("result")));
        }
    }

    @Test
    void declineIsAnAnswerToo() {
        try (WsClient c = initialized(Json.createObjectBuilder().add("elicitation", Json.createObjectBuilder()))) {
            long id = c.send("tools/call", toolCall("ask_name", args()));
            answer(c, serverRequest(c, "elicitation/create"), Json.createObjectBuilder().add("action", "decline"));
            assertEquals("No name (decline)", text(c.awaitResponse(id).getJsonObject("result")));
        }
    }

    @Test
    void samplingRoundTrip() {
        try (WsClient c = initialized(Json.createObjectBuilder().add("sampling", Json.createObjectBuilder()))) {
            long id = c.send("tools/call", toolCall("summarize", args().add("text", "a long story")));
            JsonObject asked = serverRequest(c, "sampling/createMessage");
            JsonObject message = asked.getJsonObject("params").getJsonArray("messages").getJsonObject(0);
            assertEquals("user", message.getString("role"));
            assertEquals("Summarize: a long story", message.getJsonObject("content").getString("text"));
            answer(c, asked, Json.createObjectBuilder().add("role", "assistant").add("model", "test-model")
                    .add("stopReason", "endTurn")
                    .add("content", Json.createObjectBuilder().add("type", "text").add("text", "short")));
            assertEquals("Summary: short", text(c.awaitResponse(id).getJsonObject("result")));
        }
    }

    @Test
    void rootsRoundTripAndListChanged() throws InterruptedException {
        try (WsClient c = initialized(Json.createObjectBuilder()
                .add("roots", Json.createObjectBuilder().add("listChanged", true)))) {
            long id = c.send("tools/call", toolCall("list_roots", args()));
            JsonObject asked = serverRequest(c, "roots/list");
            answer(c, asked, Json.createObjectBuilder().add("roots", Json.createArrayBuilder()
                    .add(Json.createObjectBuilder().add("uri", "file:///work").add("name", "work"))
                    .add(Json.createObjectBuilder().add("uri", "file:///home"))));
            assertEquals("file:///work,file:///home", text(c.awaitResponse(id).getJsonObject("result")));

            // cached: answered without asking again
            assertEquals("file:///work,file:///home", text(c.call("tools/call", toolCall("list_roots", args()))));

            c.notify("notifications/roots/list_changed", JsonValue.EMPTY_JSON_OBJECT);
            long again = c.send("tools/call", toolCall("list_roots", args()));
            JsonObject second = serverRequest(c, "roots/list");
            assertTrue(!second.getString("id").equals(asked.getString("id")), "a new server request id");
            answer(c, second, Json.createObjectBuilder().add("roots", Json.createArrayBuilder()
                    .add(Json.createObjectBuilder().add("uri", "file:///new"))));
            assertEquals("file:///new", text(c.awaitResponse(again).getJsonObject("result")));
        }
    }

    @Test
    void clientErrorBecomesAToolError() {
        try (WsClient c = initialized(Json.createObjectBuilder().add("sampling", Json.createObjectBuilder()))) {
            long id = c.send("tools/call", toolCall("summarize", args().add("text", "x")));
            JsonObject asked = serverRequest(c, "sampling/createMessage");
            c.sendText(Json.createObjectBuilder().add("jsonrpc", "2.0").add("id", asked.get("id"))
                    .add("error", Json.createObjectBuilder().add("code", -1).add("message", "User rejected")).build().toString());
            JsonObject result = c.awaitResponse(id).getJsonObject("result");
            assertTrue(result.getBoolean("isError"), result.toString());
            assertTrue(text(result).contains("User rejected"), text(result));
        }
    }

    @Test
    void cancellingTheToolCallCancelsTheServerRequest() throws InterruptedException {
        try (WsClient c = initialized(Json.createObjectBuilder().add("elicitation", Json.createObjectBuilder()))) {
            long id = c.send("tools/call", toolCall("ask_name", args()));
            JsonObject asked = serverRequest(c, "elicitation/create");
            c.notify("notifications/cancelled", Json.createObjectBuilder().add("requestId", id).build());
            JsonObject cancelled = c.await(m -> "notifications/cancelled".equals(m.getString("method", null)),
                    "notifications/cancelled from the server");
            assertEquals(asked.getString("id"), cancelled.getJsonObject("params").getString("requestId"));
            List<JsonObject> rest = c.drain(Duration.ofMillis(500));
            assertTrue(rest.stream().noneMatch(m -> m.containsKey("id") && m.get("id").getValueType()
                    == JsonValue.ValueType.NUMBER && m.getJsonNumber("id").longValue() == id), "no response: " + rest);
            assertEquals("pong", c.request("ping", JsonValue.EMPTY_JSON_OBJECT).containsKey("result") ? "pong" : "none");
        }
    }

    @Test
    void undeclaredCapabilityFailsClearly() throws InterruptedException {
        try (WsClient c = initialized(Json.createObjectBuilder().add("elicitation", Json.createObjectBuilder()))) {
            JsonObject response = c.request("tools/call", toolCall("summarize", args().add("text", "x")));
            assertError(response, -32602);
            JsonObject error = response.getJsonObject("error");
            assertTrue(error.getString("message").contains("sampling"), error.toString());
            assertTrue(error.getJsonObject("data").getJsonObject("requiredCapabilities").containsKey("sampling"));
            // URL mode needs elicitation.url, not just elicitation
            assertError(c.request("tools/call", toolCall("open_url", args())), -32602);
            assertTrue(c.drain(Duration.ofMillis(300)).stream().noneMatch(m -> m.containsKey("method")),
                    "nothing was asked");
        }
    }
}
