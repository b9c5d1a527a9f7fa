package dev.mcpws.it;

import static dev.mcpws.it.WsClient.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Duration;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/** 2026-07-28: the same tools ask for input through multi round-trip requests (input_required, then a retry). */
@RunAsClient
class MrtrIT extends McpIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return testWar();
    }

    private static JsonObject call(String tool, JsonObjectBuilder arguments, JsonObjectBuilder caps,
                                   JsonObjectBuilder inputResponses, String requestState) {
        JsonObjectBuilder p = Json.createObjectBuilder().add("name", tool).add("arguments", arguments)
                .add("_meta", modernMeta().add("io.modelcontextprotocol/clientCapabilities", caps));
        if (inputResponses != null) {
            p.add("inputResponses", inputResponses);
        }
        if (requestState != null) {
            p.add("requestState", requestState);
        }
        return p.build();
    }

    private static JsonObjectBuilder elicitation() {
        return Json.createObjectBuilder().add("elicitation", Json.createObjectBuilder().add("form", Json.createObjectBuilder()));
    }

    private static JsonObjectBuilder accept(String name) {
        return Json.createObjectBuilder().add("action", "accept").add("content", Json.createObjectBuilder().add("name", name));
    }

    @Test
    void inputRequiredThenRetryCompletes() throws InterruptedException {
        try (WsClient c = connect("mcp")) {
            JsonObject first = c.call("tools/call", call("ask_name", args(), elicitation(), null, null));
            assertEquals("input_required", first.getString("resultType"));
            JsonObject req = first.getJsonObject("inputRequests").getJsonObject("elicit-1");
            assertEquals("elicitation/create", req.getString("method"));
            assertEquals("form", req.getJsonObject("params").getString("mode"));
            assertEquals("What is your name?", req.getJsonObject("params").getString("message"));
            String state = first.getString("requestState");
            assertFalse(first.containsKey("content"));
            // no server-to-client request in this era
            assertTrue(c.drain(Duration.ofMillis(200)).isEmpty());

            JsonObject done = c.call("tools/call", call("ask_name", args(), elicitation(),
                    Json.createObjectBuilder().add("elicit-1", accept("Grace")), state));
            assertEquals("complete", done.getString("resultType"));
            assertEquals("Hello, Grace", text(done));
        }
    }

    @Test
    void twoSequentialInputsTakeTwoRounds() {
        try (WsClient c = connect("mcp")) {
            JsonObject r1 = c.call("tools/call", call("two_questions", args(), elicitation(), null, null));
            assertEquals(List.of("elicit-1"), List.copyOf(r1.getJsonObject("inputRequests").keySet()));
            JsonObject r2 = c.call("tools/call", call("two_questions", args(), elicitation(),
                    Json.createObjectBuilder().add("elicit-1", accept("Ada")), r1.getString("requestState")));
            assertEquals("input_required", r2.getString("resultType"));
            assertEquals(List.of("elicit-2"), List.copyOf(r2.getJsonObject("inputRequests").keySet()));
            assertEquals("Last name?", r2.getJsonObject("inputRequests").getJsonObject("elicit-2")
                    .getJsonObject("params").getString("message"));
            JsonObject r3 = c.call("tools/call", call("two_questions", args(), elicitation(),
                    Json.createObjectBuilder().add("elicit-2", accept("Lovelace")), r2.getString("requestState")));
            assertEquals("complete", r3.getString("resultType"));
            assertEquals("Ada Lovelace", text(r3));
        }
    }

    @Test
    void samplingAndRootsUseTheSameForm() {
        try (WsClient c = connect("mcp")) {
            java.util.function.Supplier<JsonObjectBuilder> caps = () -> Json.createObjectBuilder()
                    .add("sampling", Json.createObjectBuilder()).add("roots", Json.createObjectBuilder());
            JsonObject s1 = c.call("tools/call", call("summarize", args().add("text", "t"), caps.get(), null, null));
            assertEquals("sampling/createMessage", s1.getJsonObject("inputRequests").getJsonObject("sample-1").getString("method"));
            JsonObject s2 = c.call("tools/call", call("summarize", args().add("text", "t"),
                    Json.createObjectBuilder().add("sampling", Json.createObjectBuilder()),
                    Json.createObjectBuilder().add("sample-1", Json.createObjectBuilder().add("role", "assistant")
                            .add("model", "m").add("content", Json.createObjectBuilder().add("type", "text").add("text", "ok"))),
                    s1.getString("requestState")));
            assertEquals("Summary: ok", text(s2));

            JsonObject r1 = c.call("tools/call", call("list_roots", args(), caps.get(), null, null));
            assertEquals("roots/list", r1.getJsonObject("inputRequests").getJsonObject("roots-1").getString("method"));
            JsonObject r2 = c.call("tools/call", call("list_roots", args(), caps.get(),
                    Json.createObjectBuilder().add("roots-1", Json.createObjectBuilder().add("roots",
                            Json.createArrayBuilder().add(Json.createObjectBuilder().add("uri", "file:///r")))),
                    r1.getString("requestState")));
            assertEquals("file:///r", text(r2));
        }
    }

    @Test
    void tamperedStateIsRejected() {
        try (WsClient c = connect("mcp")) {
            String state = c.call("tools/call", call("ask_name", args(), elicitation(), null, null)).getString("requestState");
            char last = state.charAt(state.length() - 1);
            String tampered = state.substring(0, state.length() - 1) + (last == 'A' ? 'B' : 'A');
            JsonObject r = c.request("tools/call", call("ask_name", args(), elicitation(),
                    Json.createObjectBuilder().add("elicit-1", accept("Mallory")), tampered));
            assertError(r, -32602);
            assertEquals("tampered", r.getJsonObject("error").getJsonObject("data").getString("reason"));
            assertTrue(r.getJsonObject("error").getString("message").contains("requestState"), r.toString());

            // a state of one tool is no good for another
            JsonObject other = c.request("tools/call", call("two_questions", args(), elicitation(),
                    Json.createObjectBuilder().add("elicit-1", accept("x")), state));
            assertError(other, -32602);
            assertEquals("request", other.getJsonObject("error").getJsonObject("data").getString("reason"));
        }
    }

    @Test
    void undeclaredCapabilityIs32021() {
        try (WsClient c = connect("mcp")) {
            JsonObject r = c.request("tools/call", call("ask_name", args(), Json.createObjectBuilder(), null, null));
            assertError(r, -32021);
            JsonObject data = r.getJsonObject("error").getJsonObject("data");
            assertTrue(data.getJsonObject("requiredCapabilities").containsKey("elicitation"), data.toString());
            // form-only clients are not asked for URL mode
            assertError(c.request("tools/call", call("open_url", args(), elicitation(), null, null)), -32021);
        }
    }
}
