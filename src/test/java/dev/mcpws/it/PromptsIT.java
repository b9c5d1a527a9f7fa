package dev.mcpws.it;

import static dev.mcpws.it.WsClient.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/** Prompts end to end: discovery, prompts/list, prompts/get with argument validation, content per version. */
@RunAsClient
class PromptsIT extends McpIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return testWar();
    }

    static JsonObject get(String name, jakarta.json.JsonObjectBuilder arguments) {
        return Json.createObjectBuilder().add("name", name).add("arguments", arguments).build();
    }

    @Test
    void listsPromptsWithTheirArguments() {
        try (WsClient c = legacy(LEGACY); WsClient old = legacy("2025-03-26")) {
            JsonArray prompts = c.call("prompts/list", null).getJsonArray("prompts");
            List<String> names = prompts.getValuesAs(JsonObject.class).stream().map(p -> p.getString("name")).toList();
            assertEquals(names.stream().sorted().toList(), names, "deterministic order by name");
            JsonObject review = ResourcesIT.find(prompts, "name", "it_review");
            assertEquals("IT review", review.getString("title"));
            assertEquals(Json.createArrayBuilder()
                    .add(Json.createObjectBuilder().add("name", "code").add("description", "The code to review").add("required", true))
                    .add(Json.createObjectBuilder().add("name", "language").add("description", "Its language").add("required", false))
                    .add(Json.createObjectBuilder().add("name", "focus").add("required", false)).build(),
                    review.getJsonArray("arguments"));
            assertEquals("who", ResourcesIT.find(prompts, "name", "it_hello").getJsonArray("arguments")
                    .getJsonObject(0).getString("name"), "@PromptArg(name) renames");
            assertFalse(ResourcesIT.find(old.call("prompts/list", null).getJsonArray("prompts"), "name", "it_review")
                    .containsKey("title"), "no title before 2025-06-18");
        }
    }

    @Test
    void getsPromptsInBothEras() {
        try (WsClient c = legacy(LEGACY); WsClient m = connect("mcp")) {
            JsonObject r = c.call("prompts/get", get("it_review", args().add("code", "x=1").add("language", "python")
                    .add("focus", "naming")));
            assertEquals("Review of python for " + LEGACY, r.getString("description"));
            JsonArray messages = r.getJsonArray("messages");
            assertEquals("user", messages.getJsonObject(0).getString("role"));
            assertEquals(Json.createObjectBuilder().add("type", "text").add("text", "Please review:\nx=1\nFocus on naming").build(),
                    messages.getJsonObject(0).getJsonObject("content"));
            assertEquals("assistant", messages.getJsonObject(1).getString("role"));

            JsonObject modern = m.call("prompts/get", modern(Json.createObjectBuilder().add("name", "it_hello")
                    .add("arguments", args().add("who", "Ada"))));
            assertEquals("complete", modern.getString("resultType"));
            assertFalse(modern.containsKey("ttlMs"), "prompts/get is not cacheable");
            assertEquals("Say hello to Ada", modern.getJsonArray("messages").getJsonObject(0).getJsonObject("content").getString("text"));
            JsonObject list = m.call("prompts/list", modern());
            assertEquals(1234, list.getJsonNumber("ttlMs").longValue());
            assertEquals("public", list.getString("cacheScope"));
        }
    }

    @Test
    void invalidGetsAreMinus32602() {
        try (WsClient c = legacy(LEGACY); WsClient m = connect("mcp")) {
            JsonObject missing = c.request("prompts/get", get("it_review", args().add("language", "go")));
            assertError(missing, -32602);
            assertTrue(missing.getJsonObject("error").getString("message").contains("code"), missing::toString);
            assertEquals(List.of("code"), missing.getJsonObject("error").getJsonObject("data").getJsonArray("missing")
                    .getValuesAs(JsonString::getString));
            assertError(c.request("prompts/get", get("no_such_prompt", args())), -32602);
            assertError(c.request("prompts/get", get("it_hello", args().add("who", 5))), -32602);
            assertError(m.request("prompts/get", modern(Json.createObjectBuilder().add("name", "it_hello"))), -32602);
        }
    }

    @Test
    void contentTheVersionDoesNotKnowIsSentAsText() {
        try (WsClient now = legacy(LEGACY); WsClient old = legacy("2024-11-05")) {
            assertEquals(List.of("image", "audio", "resource"), types(now.call("prompts/get", get("it_media", args()))));
            JsonObject embedded = now.call("prompts/get", get("it_media", args())).getJsonArray("messages").getJsonObject(2)
                    .getJsonObject("content").getJsonObject("resource");
            assertEquals("it://config", embedded.getString("uri"));
            assertEquals(List.of("image", "text", "resource"), types(old.call("prompts/get", get("it_media", args()))),
                    "2024-11-05 has no audio content");
        }
    }

    private static List<String> types(JsonObject result) {
        return result.getJsonArray("messages").getValuesAs(JsonObject.class).stream()
                .map(msg -> msg.getJsonObject("content").getString("type")).toList();
    }
}
