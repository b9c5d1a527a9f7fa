package dev.mcpws.it;

import static dev.mcpws.it.WsClient.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/** completion/complete end to end: prompt arguments, template variables, context, the 100-value cap, capability. */
@RunAsClient
class CompletionsIT extends McpIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return testWar();
    }

    static JsonObjectBuilder complete(JsonObjectBuilder ref, String argument, String value) {
        return Json.createObjectBuilder().add("ref", ref)
                .add("argument", Json.createObjectBuilder().add("name", argument).add("value", value));
    }

    static JsonObjectBuilder prompt(String name) {
        return Json.createObjectBuilder().add("type", "ref/prompt").add("name", name);
    }

    static JsonObjectBuilder template(String uri) {
        return Json.createObjectBuilder().add("type", "ref/resource").add("uri", uri);
    }

    static List<String> values(JsonObject result) {
        return result.getJsonObject("completion").getJsonArray("values").getValuesAs(JsonString::getString);
    }

    @Test
    void completesPromptArgumentsWithContext() {
        try (WsClient c = legacy(LEGACY)) {
            assertEquals(List.of("java", "javascript"), values(c.call("completion/complete",
                    complete(prompt("it_review"), "language", "ja").build())));
            JsonObject withContext = complete(prompt("it_review"), "focus", "")
                    .add("context", Json.createObjectBuilder().add("arguments", Json.createObjectBuilder().add("language", "rust")))
                    .build();
            assertEquals(List.of("lifetimes", "unsafe"), values(c.call("completion/complete", withContext)));
            assertEquals(List.of(), values(c.call("completion/complete", complete(prompt("it_review"), "code", "x").build())),
                    "an argument without a completer");
        }
    }

    @Test
    void completesTemplateVariablesCappedAt100() {
        try (WsClient m = connect("mcp")) {
            JsonObject all = m.call("completion/complete", modern(complete(template("it://orders/{id}"), "id", "1")));
            assertEquals("complete", all.getString("resultType"));
            assertEquals(100, values(all).size());
            assertEquals("1000", values(all).get(0));
            assertEquals(150, all.getJsonObject("completion").getInt("total"));
            assertTrue(all.getJsonObject("completion").getBoolean("hasMore"));
            JsonObject few = m.call("completion/complete", modern(complete(template("it://orders/{id}"), "id", "114")));
            assertEquals(List.of("1140", "1141", "1142", "1143", "1144", "1145", "1146", "1147", "1148", "1149"), values(few));
            assertFalse(few.getJsonObject("completion").getBoolean("hasMore"));
        }
    }

    @Test
    void programmaticTemplatesComplete() {
        try (WsClient c = legacy(LEGACY)) {
            c.call("tools/call", toolCall("add_note", args().add("name", "c1").add("text", "x")));
            assertEquals(List.of("d1", "d2"), values(c.call("completion/complete",
                    complete(template("it://drafts/{n}"), "n", "d").build())));
            c.call("tools/call", toolCall("remove_note", args().add("name", "c1")));
            assertError(c.request("completion/complete", complete(template("it://drafts/{n}"), "n", "d").build()), -32602);
        }
    }

    @Test
    void unknownReferencesAreMinus32602() {
        try (WsClient c = legacy(LEGACY)) {
            assertError(c.request("completion/complete", complete(prompt("nope"), "a", "").build()), -32602);
            assertError(c.request("completion/complete", complete(prompt("it_review"), "colour", "").build()), -32602);
            assertError(c.request("completion/complete", complete(template("it://nope/{x}"), "x", "").build()), -32602);
        }
    }

    @Test
    void theCapabilityIsAnnouncedFrom2025_03_26() {
        try (WsClient old = connect("mcp"); WsClient newer = connect("mcp")) {
            assertFalse(initialize(old, "2024-11-05").containsKey("completions"));
            assertEquals(JsonObject.EMPTY_JSON_OBJECT, initialize(newer, "2025-03-26").getJsonObject("completions"));
            assertTrue(newer.call("server/discover", modern()).getJsonObject("capabilities").containsKey("completions"));
        }
    }

    private static JsonObject initialize(WsClient c, String version) {
        return c.call("initialize", Json.createObjectBuilder().add("protocolVersion", version)
                .add("capabilities", Json.createObjectBuilder())
                .add("clientInfo", Json.createObjectBuilder().add("name", "it").add("version", "1")).build())
                .getJsonObject("capabilities");
    }
}
