package dev.mcpws.prompts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcpws.api.Content;
import dev.mcpws.api.InvalidParamsException;
import dev.mcpws.api.Prompt;
import dev.mcpws.api.PromptArg;
import dev.mcpws.api.PromptMessage;
import dev.mcpws.api.PromptResult;
import dev.mcpws.api.RequestInfo;
import dev.mcpws.testing.EngineHarness;
import dev.mcpws.testing.Methods;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** prompts/list and prompts/get through the engine: arguments, validation, results, version downgrades. */
class PromptsFeatureTest {

    /** Fixture prompts, bound as the CDI extension binds them. */
    public static class Fixture {
        @Prompt(name = "code_review", title = "Code review", description = "Reviews code")
        public String review(@PromptArg(description = "The code") String code,
                             @PromptArg(required = false) String language) {
            return "Review this " + (language == null ? "code" : language) + ":\n" + code;
        }

        @Prompt(description = "A short conversation")
        public List<PromptMessage> chat(Optional<String> topic, RequestInfo info) {
            return List.of(PromptMessage.user("Let us talk about " + topic.orElse("anything")),
                    PromptMessage.assistant("Gladly (" + info.protocolVersion() + ")"));
        }

        @Prompt(name = "media")
        public PromptResult media() {
            return new PromptResult("Media of all kinds", List.of(
                    PromptMessage.user(Content.image(new byte[] {1}, "image/png")),
                    PromptMessage.user(Content.audio(new byte[] {2}, "audio/wav")),
                    PromptMessage.user(Content.resourceLink("file:///a.txt", "a.txt")),
                    PromptMessage.assistant(Content.embeddedText("file:///b.txt", "text/plain", "bee"))));
        }

        @Prompt(name = "single")
        public PromptMessage single() {
            return PromptMessage.assistant("one");
        }

        @Prompt(name = "picky")
        public String picky(String level) {
            if (!level.equals("low") && !level.equals("high")) {
                throw new InvalidParamsException("level must be low or high");
            }
            return level;
        }

        @Prompt(name = "broken")
        public String broken() {
            throw new IllegalStateException("secret detail");
        }
    }

    static PromptRegistry registry() {
        Fixture f = new Fixture();
        PromptRegistry r = new PromptRegistry();
        for (Method m : Fixture.class.getDeclaredMethods()) {
            if (m.isAnnotationPresent(Prompt.class)) {
                r.add(PromptIntrospector.fromMethod(m, Methods.on(f, m)));
            }
        }
        return r;
    }

    private final EngineHarness harness = new EngineHarness(new PromptsFeature(registry(), 4));

    private static JsonObject get(String name, Map<String, String> args) {
        var a = Json.createObjectBuilder();
        args.forEach(a::add);
        return Json.createObjectBuilder().add("name", name).add("arguments", a).build();
    }

    @Test
    void listsPromptsByNameWithTheirArguments() {
        EngineHarness.Client c = harness.legacy("2025-11-25");
        JsonObject first = c.result("prompts/list", null);
        JsonObject second = c.result("prompts/list", Json.createObjectBuilder().add("cursor", first.getString("nextCursor")).build());
        List<String> names = new java.util.ArrayList<>();
        first.getJsonArray("prompts").getValuesAs(JsonObject.class).forEach(p -> names.add(p.getString("name")));
        second.getJsonArray("prompts").getValuesAs(JsonObject.class).forEach(p -> names.add(p.getString("name")));
        assertEquals(List.of("broken", "chat", "code_review", "media", "picky", "single"), names);
        assertFalse(second.containsKey("nextCursor"));

        JsonObject review = first.getJsonArray("prompts").getJsonObject(2);
        assertEquals("Code review", review.getString("title"));
        assertEquals("Reviews code", review.getString("description"));
        assertEquals(Json.createArrayBuilder()
                .add(Json.createObjectBuilder().add("name", "code").add("description", "The code").add("required", true))
                .add(Json.createObjectBuilder().add("name", "language").add("required", false)).build(),
                review.getJsonArray("arguments"));
        JsonObject chat = first.getJsonArray("prompts").getJsonObject(1);
        assertEquals(Json.createArrayBuilder().add(Json.createObjectBuilder().add("name", "topic").add("required", false)).build(),
                chat.getJsonArray("arguments"), "Optional<String> is optional; helpers are not arguments");
        assertFalse(first.getJsonArray("prompts").getJsonObject(0).containsKey("arguments"), "no arguments, no array");

        JsonObject old = harness.legacy("2025-03-26").result("prompts/list", null).getJsonArray("prompts").getJsonObject(2);
        assertFalse(old.containsKey("title"), "no title before 2025-06-18");
        c.error("prompts/list", Json.createObjectBuilder().add("cursor", "bad").build(), -32602);
    }

    @Test
    void getRendersMessagesFromEachReturnType() {
        EngineHarness.Client c = harness.legacy("2025-11-25");
        JsonObject review = c.result("prompts/get", get("code_review", Map.of("code", "x = 1", "language", "python")));
        assertEquals("Reviews code", review.getString("description"), "the prompt's description by default");
        assertEquals(Json.createArrayBuilder().add(Json.createObjectBuilder().add("role", "user").add("content",
                Json.createObjectBuilder().add("type", "text").add("text", "Review this python:\nx = 1"))).build(),
                review.getJsonArray("messages"));
        assertEquals("Review this code:\nx = 1", c.result("prompts/get", get("code_review", Map.of("code", "x = 1")))
                .getJsonArray("messages").getJsonObject(0).getJsonObject("content").getString("text"));

        JsonObject chat = c.result("prompts/get", Json.createObjectBuilder().add("name", "chat").build());
        assertEquals(List.of("user", "assistant"), chat.getJsonArray("messages").getValuesAs(JsonObject.class).stream()
                .map(m -> m.getString("role")).toList());
        assertEquals("Gladly (2025-11-25)", chat.getJsonArray("messages").getJsonObject(1).getJsonObject("content").getString("text"));

        JsonObject single = c.result("prompts/get", get("single", Map.of()));
        assertEquals("assistant", single.getJsonArray("messages").getJsonObject(0).getString("role"));
        assertFalse(single.containsKey("description"));
    }

    @Test
    void contentTypesAreDowngradedForOlderVersions() {
        JsonObject now = harness.legacy("2025-11-25").result("prompts/get", get("media", Map.of()));
        assertEquals("Media of all kinds", now.getString("description"));
        assertEquals(List.of("image", "audio", "resource_link", "resource"), types(now));
        JsonObject embedded = now.getJsonArray("messages").getJsonObject(3).getJsonObject("content").getJsonObject("resource");
        assertEquals("bee", embedded.getString("text"));
        assertEquals("file:///b.txt", embedded.getString("uri"));

        assertEquals(List.of("image", "audio", "text", "resource"),
                types(harness.legacy("2025-03-26").result("prompts/get", get("media", Map.of()))), "no resource_link before 2025-06-18");
        assertEquals(List.of("image", "text", "text", "resource"),
                types(harness.legacy("2024-11-05").result("prompts/get", get("media", Map.of()))), "no audio before 2025-03-26");
    }

    private static List<String> types(JsonObject result) {
        return result.getJsonArray("messages").getValuesAs(JsonObject.class).stream()
                .map(m -> m.getJsonObject("content").getString("type")).toList();
    }

    @Test
    void missingRequiredArgumentsAreNamed() {
        JsonObject e = harness.legacy("2025-11-25").error("prompts/get", get("code_review", Map.of("language", "go")), -32602);
        assertTrue(e.getString("message").contains("code"), e.toString());
        assertEquals(List.of("code"), e.getJsonObject("data").getJsonArray("missing").getValuesAs(JsonString::getString));
        harness.modern().error("prompts/get", get("code_review", Map.of()), -32602);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"name\":\"nope\"}|Unknown prompt: nope",
            "{\"arguments\":{}}|params.name",
            "{\"name\":\"code_review\",\"arguments\":[\"x\"]}|must be an object",
            "{\"name\":\"code_review\",\"arguments\":{\"code\":5}}|'code' of prompt 'code_review' must be a string",
            "{\"name\":\"code_review\",\"arguments\":{\"code\":\"x\",\"colour\":\"red\"}}|no argument 'colour'",
            "{\"name\":\"picky\",\"arguments\":{\"level\":\"mid\"}}|level must be low or high"})
    void invalidRequestsAreMinus32602(String params, String message) {
        JsonObject e = harness.legacy("2025-11-25").error("prompts/get",
                Json.createReader(new java.io.StringReader(params)).readObject(), -32602);
        assertTrue(e.getString("message").contains(message), e.toString());
    }

    @Test
    void unexpectedFailuresAreInternalErrorsWithoutDetails() {
        JsonObject e = harness.legacy("2025-11-25").error("prompts/get", get("broken", Map.of()), -32603);
        assertFalse(e.toString().contains("secret"), e.toString());
    }

    @Test
    void modernEraListsAreCacheableAndGetIsNot() {
        EngineHarness.Client c = harness.modern();
        JsonObject list = c.result("prompts/list", null);
        assertEquals(5000, list.getInt("ttlMs"));
        assertEquals("complete", list.getString("resultType"));
        JsonObject got = c.result("prompts/get", get("chat", Map.of("topic", "MCP")));
        assertEquals("complete", got.getString("resultType"));
        assertFalse(got.containsKey("ttlMs"), "GetPromptResult is not a CacheableResult");
        assertEquals("Let us talk about MCP", got.getJsonArray("messages").getJsonObject(0).getJsonObject("content").getString("text"));
        assertEquals(JsonObject.EMPTY_JSON_OBJECT, c.result("server/discover", null).getJsonObject("capabilities").getJsonObject("prompts"));
    }

    /** Methods that cannot be prompts. */
    public static class Broken {
        @Prompt
        public String number(int n) {
            return "";
        }

        @Prompt
        public int wrongReturn() {
            return 1;
        }

        @Prompt
        public String twice(@PromptArg(name = "a") String x, @PromptArg(name = "a") String y) {
            return "";
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"number|String or Optional<String>", "wrongReturn|return type int",
            "twice|two arguments are named 'a'"})
    void rejectsMethodsThatCannotBePrompts(String method, String why) {
        Method m = Methods.named(Broken.class, method);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PromptIntrospector.fromMethod(m, Methods.on(new Broken(), m)));
        assertTrue(e.getMessage().contains(why) && e.getMessage().contains("Prompt '" + method + "'"), e.getMessage());
    }
}
