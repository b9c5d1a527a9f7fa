package dev.mcpws.contract;

import static dev.mcpws.contract.McpTestClient.obj;
import static dev.mcpws.contract.ToolsContract.find;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Prompts: prompts/list with arguments, prompts/get with validation, content per version. */
public interface PromptsContract extends ContractTransport {

    static McpTestClient.Request get(McpTestClient c, String name) {
        return c.request("prompts/get").param("name", name);
    }

    @ParameterizedTest
    @EnumSource(Era.class)
    default void listsPromptsWithTheirArguments(Era era) {
        try (McpTestClient c = client(era)) {
            JsonObject list = c.request("prompts/list").result();
            JsonArray prompts = list.getJsonArray("prompts");
            List<String> names = prompts.getValuesAs(JsonObject.class).stream().map(p -> p.getString("name")).toList();
            assertEquals(names.stream().sorted().toList(), names, "deterministic order by name");
            JsonObject review = find(prompts, "name", "it_review");
            assertEquals("IT review", review.getString("title"));
            assertEquals(Json.createArrayBuilder()
                    .add(obj().add("name", "code").add("description", "The code to review").add("required", true))
                    .add(obj().add("name", "language").add("description", "Its language").add("required", false))
                    .add(obj().add("name", "focus").add("required", false)).build(), review.getJsonArray("arguments"));
            assertEquals("who", find(prompts, "name", "it_hello").getJsonArray("arguments").getJsonObject(0).getString("name"),
                    "@PromptArg(name) renames");
            if (era == Era.MODERN) {
                assertEquals(1234, list.getJsonNumber("ttlMs").longValue());
                assertEquals("public", list.getString("cacheScope"));
            }
        }
        if (era == Era.LEGACY) {
            try (McpTestClient old = legacyClient("2025-03-26")) {
                assertFalse(find(old.request("prompts/list").result().getJsonArray("prompts"), "name", "it_review")
                        .containsKey("title"), "no title before 2025-06-18");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Era.class)
    default void getsPrompts(Era era) {
        try (McpTestClient c = client(era)) {
            JsonObject r = get(c, "it_review").param("arguments", obj().add("code", "x=1").add("language", "python")
                    .add("focus", "naming")).result();
            assertEquals("Review of python for " + c.version(), r.getString("description"));
            JsonArray messages = r.getJsonArray("messages");
            assertEquals("user", messages.getJsonObject(0).getString("role"));
            assertEquals(obj().add("type", "text").add("text", "Please review:\nx=1\nFocus on naming").build(),
                    messages.getJsonObject(0).getJsonObject("content"));
            assertEquals("assistant", messages.getJsonObject(1).getString("role"));

            JsonObject hello = get(c, "it_hello").param("arguments", obj().add("who", "Ada")).result();
            assertEquals("Say hello to Ada", hello.getJsonArray("messages").getJsonObject(0).getJsonObject("content").getString("text"));
            assertFalse(hello.containsKey("ttlMs"), "prompts/get is not cacheable");
            if (era == Era.MODERN) {
                assertEquals("complete", hello.getString("resultType"));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Era.class)
    default void invalidGetsAreMinus32602(Era era) {
        try (McpTestClient c = client(era)) {
            JsonObject missing = get(c, "it_review").param("arguments", obj().add("language", "go")).error(-32602);
            assertTrue(missing.getString("message").contains("code"), missing::toString);
            assertEquals(List.of("code"), McpTestClient.strings(missing.getJsonObject("data").getJsonArray("missing")));
            get(c, "no_such_prompt").param("arguments", obj()).error(-32602);
            get(c, "it_hello").param("arguments", obj().add("who", 5)).error(-32602);
            get(c, "it_hello").error(-32602);
        }
    }

    @Test
    default void contentTheVersionDoesNotKnowIsSentAsText() {
        for (Era era : Era.values()) {
            try (McpTestClient now = client(era)) {
                JsonObject media = get(now, "it_media").param("arguments", obj()).result();
                assertEquals(List.of("image", "audio", "resource"), types(media), era::name);
                JsonObject embedded = media.getJsonArray("messages").getJsonObject(2).getJsonObject("content").getJsonObject("resource");
                assertEquals("it://config", embedded.getString("uri"));
            }
        }
        try (McpTestClient old = legacyClient("2024-11-05")) {
            assertEquals(List.of("image", "text", "resource"), types(get(old, "it_media").param("arguments", obj()).result()),
                    "2024-11-05 has no audio content");
        }
    }

    private static List<String> types(JsonObject result) {
        return result.getJsonArray("messages").getValuesAs(JsonObject.class).stream()
                .map(msg -> msg.getJsonObject("content").getString("type")).toList();
    }
}
