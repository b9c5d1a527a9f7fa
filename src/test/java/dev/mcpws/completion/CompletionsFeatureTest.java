package dev.mcpws.completion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcpws.api.CompletePrompt;
import dev.mcpws.api.CompleteResourceTemplate;
import dev.mcpws.api.CompletionContext;
import dev.mcpws.api.Prompt;
import dev.mcpws.api.ResourceTemplate;
import dev.mcpws.prompts.PromptIntrospector;
import dev.mcpws.prompts.PromptRegistry;
import dev.mcpws.resources.ProgrammaticResources;
import dev.mcpws.resources.ResourceIntrospector;
import dev.mcpws.resources.ResourceRegistry;
import dev.mcpws.testing.EngineHarness;
import dev.mcpws.testing.Methods;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.lang.reflect.Method;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** completion/complete through the engine: prompt arguments, template variables, context, the 100-value cap. */
class CompletionsFeatureTest {

    static final List<String> LANGUAGES = List.of("go", "java", "javascript", "kotlin", "python");

    /** A prompt and a template with completers, bound as the CDI extension binds them. */
    public static class Fixture {
        @Prompt(name = "review")
        public String review(String language, String framework, String code) {
            return code;
        }

        @CompletePrompt("review")
        public List<String> language(String language) {
            return LANGUAGES.stream().filter(l -> l.startsWith(language)).toList();
        }

        @CompletePrompt(value = "review", argument = "framework")
        public List<String> frameworks(CompletionContext context, String prefix) {
            String language = context.arguments().getOrDefault("language", "?");
            return List.of(language + "-" + prefix + "-" + context.argument());
        }

        @ResourceTemplate(uriTemplate = "numbers://{n}")
        public String number(int n) {
            return Integer.toString(n);
        }

        @CompleteResourceTemplate("numbers://{n}")
        public List<String> n(String n) {
            return IntStream.range(0, 250).mapToObj(Integer::toString).filter(s -> s.startsWith(n)).toList();
        }
    }

    private final PromptRegistry prompts = new PromptRegistry();
    private final ResourceRegistry resources = new ResourceRegistry();
    private final EngineHarness harness = new EngineHarness(new CompletionsFeature(prompts, resources));

    CompletionsFeatureTest() {
        Fixture f = new Fixture();
        for (Method m : Fixture.class.getDeclaredMethods()) {
            if (m.isAnnotationPresent(Prompt.class)) {
                prompts.add(PromptIntrospector.fromMethod(m, Methods.on(f, m)));
            } else if (m.isAnnotationPresent(ResourceTemplate.class)) {
                resources.addTemplate(ResourceIntrospector.template(m, Methods.on(f, m)));
            }
        }
        for (Method m : Fixture.class.getDeclaredMethods()) {
            if (m.isAnnotationPresent(CompletePrompt.class) || m.isAnnotationPresent(CompleteResourceTemplate.class)) {
                CompletionIntrospector.Found c = CompletionIntrospector.fromMethod(m, Methods.on(f, m));
                if (c.prompt()) {
                    prompts.get(c.ref()).addCompleter(c.argument(), c.completer());
                } else {
                    resources.templates().get(c.ref()).addCompleter(c.argument(), c.completer());
                }
            }
        }
    }

    static JsonObject prompt(String name, String argument, String value) {
        return params(Json.createObjectBuilder().add("type", "ref/prompt").add("name", name), argument, value);
    }

    static JsonObject template(String uri, String argument, String value) {
        return params(Json.createObjectBuilder().add("type", "ref/resource").add("uri", uri), argument, value);
    }

    private static JsonObject params(JsonObjectBuilder ref, String argument, String value) {
        return Json.createObjectBuilder().add("ref", ref)
                .add("argument", Json.createObjectBuilder().add("name", argument).add("value", value)).build();
    }

    private static List<String> values(JsonObject result) {
        return result.getJsonObject("completion").getJsonArray("values").getValuesAs(JsonString::getString);
    }

    @Test
    void completesPromptArguments() {
        JsonObject r = harness.legacy("2025-11-25").result("completion/complete", prompt("review", "language", "ja"));
        assertEquals(List.of("java", "javascript"), values(r));
        assertEquals(2, r.getJsonObject("completion").getInt("total"));
        assertFalse(r.getJsonObject("completion").getBoolean("hasMore"));
    }

    @Test
    void passesTheContextArguments() {
        JsonObject params = Json.createObjectBuilder(prompt("review", "framework", "fl"))
                .add("context", Json.createObjectBuilder().add("arguments", Json.createObjectBuilder().add("language", "python")))
                .build();
        assertEquals(List.of("python-fl-framework"), values(harness.legacy("2025-11-25").result("completion/complete", params)));
        assertEquals(List.of("?-fl-framework"), values(harness.legacy("2025-11-25").result("completion/complete",
                prompt("review", "framework", "fl"))), "no context, no arguments");
    }

    @Test
    void sendsAtMost100ValuesWithTotalAndHasMore() {
        JsonObject all = harness.modern().result("completion/complete", template("numbers://{n}", "n", ""));
        assertEquals(100, values(all).size());
        assertEquals("0", values(all).get(0));
        assertEquals(250, all.getJsonObject("completion").getInt("total"));
        assertTrue(all.getJsonObject("completion").getBoolean("hasMore"));
        assertEquals("complete", all.getString("resultType"));
        assertFalse(all.containsKey("ttlMs"), "CompleteResult is not cacheable");

        JsonObject few = harness.modern().result("completion/complete", template("numbers://{n}", "n", "24"));
        assertEquals(List.of("24", "240", "241", "242", "243", "244", "245", "246", "247", "248", "249"), values(few));
        assertFalse(few.getJsonObject("completion").getBoolean("hasMore"));
    }

    @Test
    void anArgumentWithoutACompleterGetsNoValues() {
        JsonObject r = harness.legacy("2025-11-25").result("completion/complete", prompt("review", "code", "x"));
        assertEquals(List.of(), values(r));
        assertEquals(0, r.getJsonObject("completion").getInt("total"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"ref\":{\"type\":\"ref/prompt\",\"name\":\"nope\"},\"argument\":{\"name\":\"a\",\"value\":\"\"}}|Unknown prompt: nope",
            "{\"ref\":{\"type\":\"ref/prompt\",\"name\":\"review\"},\"argument\":{\"name\":\"colour\",\"value\":\"\"}}|no argument 'colour'",
            "{\"ref\":{\"type\":\"ref/resource\",\"uri\":\"numbers://5\"},\"argument\":{\"name\":\"n\",\"value\":\"\"}}|Unknown resource template",
            "{\"ref\":{\"type\":\"ref/resource\",\"uri\":\"numbers://{n}\"},\"argument\":{\"name\":\"m\",\"value\":\"\"}}|no variable 'm'",
            "{\"ref\":{\"type\":\"ref/tool\",\"name\":\"x\"},\"argument\":{\"name\":\"a\",\"value\":\"\"}}|ref.type",
            "{\"argument\":{\"name\":\"a\",\"value\":\"\"}}|params.ref",
            "{\"ref\":{\"type\":\"ref/prompt\",\"name\":\"review\"}}|params.argument",
            "{\"ref\":{\"type\":\"ref/prompt\",\"name\":\"review\"},\"argument\":{\"name\":\"code\"}}|.value",
            "{\"ref\":{\"type\":\"ref/prompt\",\"name\":\"review\"},\"argument\":{\"name\":\"code\",\"value\":\"\"},\"context\":{\"arguments\":{\"a\":1}}}|context.arguments.a"})
    void invalidRequestsAreMinus32602(String params, String message) {
        JsonObject e = harness.legacy("2025-11-25").error("completion/complete",
                Json.createReader(new StringReader(params)).readObject(), -32602);
        assertTrue(e.getString("message").contains(message), e.toString());
    }

    @Test
    void theCapabilityIsAnnouncedFrom2025_03_26() {
        assertFalse(harness.legacy("2024-11-05").initializeResult().getJsonObject("capabilities").containsKey("completions"));
        assertEquals(JsonObject.EMPTY_JSON_OBJECT, harness.legacy("2025-03-26").initializeResult()
                .getJsonObject("capabilities").getJsonObject("completions"));
        assertTrue(harness.modern().result("server/discover", null).getJsonObject("capabilities").containsKey("completions"));
        assertEquals(List.of("go"), values(harness.legacy("2024-11-05").result("completion/complete",
                prompt("review", "language", "g"))), "2024-11-05 already had completion/complete");
    }

    @Test
    void programmaticTemplatesCarryTheirCompleters() {
        new ProgrammaticResources(resources).newTemplate("colors://{name}").handler(r -> "")
                .completion("name", (value, context) -> List.of(value + "red", value + "green")).register();
        assertEquals(List.of("xred", "xgreen"), values(harness.legacy("2025-11-25").result("completion/complete",
                template("colors://{name}", "name", "x"))));
    }

    /** Methods that cannot complete. */
    public static class Broken {
        @CompletePrompt("review")
        public List<String> noValue(CompletionContext context) {
            return List.of();
        }

        @CompletePrompt("review")
        public String wrongReturn(String language) {
            return "";
        }

        @CompletePrompt("review")
        public List<String> extra(String language, int limit) {
            return List.of();
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"noValue|as a String parameter", "wrongReturn|return List<String>",
            "extra|parameter limit of type int"})
    void rejectsMethodsThatCannotComplete(String method, String why) {
        Method m = Methods.named(Broken.class, method);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CompletionIntrospector.fromMethod(m, Methods.on(new Broken(), m)));
        assertTrue(e.getMessage().contains(why), e.getMessage());
    }

    @Test
    void completersMustNameAnExistingArgumentOnce() {
        assertThrows(IllegalArgumentException.class, () -> prompts.get("review").addCompleter("colour", (v, c, r) -> List.of()));
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
                () -> prompts.get("review").addCompleter("language", (v, c, r) -> List.of()));
        assertTrue(twice.getMessage().contains("two completers"), twice.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> resources.templates().get("numbers://{n}").addCompleter("m", (v, c, r) -> List.of()));
    }
}
