package dev.mcpws.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcpws.completion.CompletionIntrospector;
import dev.mcpws.completion.CompletionsFeature;
import dev.mcpws.prompts.PromptIntrospector;
import dev.mcpws.prompts.PromptRegistry;
import dev.mcpws.prompts.PromptsFeature;
import dev.mcpws.resources.ResourceIntrospector;
import dev.mcpws.resources.ResourceRegistry;
import dev.mcpws.resources.ResourcesFeature;
import dev.mcpws.resources.TemplateDefinition;
import dev.mcpws.testing.EngineHarness;
import dev.mcpws.testing.Methods;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The example resource template and prompt are valid definitions and behave as the README says. */
class ExamplesTest {

    private final EngineHarness harness;

    ExamplesTest() {
        WorldClock clock = new WorldClock();
        CodeReview review = new CodeReview();
        ResourceRegistry resources = new ResourceRegistry();
        TemplateDefinition t = ResourceIntrospector.template(Methods.named(WorldClock.class, "now"),
                Methods.on(clock, Methods.named(WorldClock.class, "now")));
        resources.addTemplate(t);
        CompletionIntrospector.Found zones = CompletionIntrospector.fromMethod(Methods.named(WorldClock.class, "zones"),
                Methods.on(clock, Methods.named(WorldClock.class, "zones")));
        t.addCompleter(zones.argument(), zones.completer());
        PromptRegistry prompts = new PromptRegistry();
        prompts.add(PromptIntrospector.fromMethod(Methods.named(CodeReview.class, "review"),
                Methods.on(review, Methods.named(CodeReview.class, "review"))));
        CompletionIntrospector.Found languages = CompletionIntrospector.fromMethod(Methods.named(CodeReview.class, "language"),
                Methods.on(review, Methods.named(CodeReview.class, "language")));
        prompts.get(languages.ref()).addCompleter(languages.argument(), languages.completer());
        harness = new EngineHarness(new ResourcesFeature(resources, 50), new PromptsFeature(prompts, 50),
                new CompletionsFeature(prompts, resources));
    }

    @Test
    void worldClockReadsZonesWithSlashesAndCompletesThem() {
        EngineHarness.Client c = harness.legacy("2025-11-25");
        String text = c.result("resources/read", Json.createObjectBuilder().add("uri", "time://Europe/Paris").build())
                .getJsonArray("contents").getJsonObject(0).getString("text");
        assertTrue(text.endsWith(" Europe/Paris") && text.matches("\\d{4}-\\d\\d-\\d\\dT.*"), text);
        assertTrue(c.error("resources/read", Json.createObjectBuilder().add("uri", "time://Mars/Olympus").build(), -32002)
                .getString("message").contains("Unknown time zone"));

        JsonObject all = c.result("completion/complete", Json.createObjectBuilder()
                .add("ref", Json.createObjectBuilder().add("type", "ref/resource").add("uri", "time://{+zone}"))
                .add("argument", Json.createObjectBuilder().add("name", "zone").add("value", "")).build());
        assertTrue(all.getJsonObject("completion").getBoolean("hasMore"), "hundreds of zones, 100 sent");
        List<String> paris = c.result("completion/complete", Json.createObjectBuilder()
                .add("ref", Json.createObjectBuilder().add("type", "ref/resource").add("uri", "time://{+zone}"))
                .add("argument", Json.createObjectBuilder().add("name", "zone").add("value", "europe/par")).build())
                .getJsonObject("completion").getJsonArray("values").getValuesAs(JsonString::getString);
        assertEquals(List.of("Europe/Paris"), paris);
    }

    @Test
    void codeReviewEmbedsTheCodeAndCompletesLanguages() {
        EngineHarness.Client c = harness.legacy("2025-11-25");
        JsonObject r = c.result("prompts/get", Json.createObjectBuilder().add("name", "code_review")
                .add("arguments", Json.createObjectBuilder().add("code", "x = 1").add("language", "python")).build());
        assertEquals("Code review (python)", r.getString("description"));
        assertTrue(r.getJsonArray("messages").getJsonObject(0).getJsonObject("content").getString("text")
                .contains("```python\nx = 1\n```"));
        List<String> values = c.result("completion/complete", Json.createObjectBuilder()
                .add("ref", Json.createObjectBuilder().add("type", "ref/prompt").add("name", "code_review"))
                .add("argument", Json.createObjectBuilder().add("name", "language").add("value", "ja")).build())
                .getJsonObject("completion").getJsonArray("values").getValuesAs(JsonString::getString);
        assertEquals(List.of("java", "javascript"), values);
    }
}
