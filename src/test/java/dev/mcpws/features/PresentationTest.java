package dev.mcpws.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcpws.api.Icon;
import dev.mcpws.api.McpResource;
import dev.mcpws.api.Prompt;
import dev.mcpws.api.ResourceTemplate;
import dev.mcpws.api.Tool;
import dev.mcpws.prompts.PromptDefinition;
import dev.mcpws.prompts.PromptIntrospector;
import dev.mcpws.resources.ResourceDefinition;
import dev.mcpws.resources.ResourceIntrospector;
import dev.mcpws.resources.TemplateDefinition;
import dev.mcpws.tools.ToolDefinition;
import dev.mcpws.tools.ToolIntrospector;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;

/** Icons and resource annotations: validated at deploy time, sent only to the versions that know them. */
class PresentationTest {

    /** Definitions carrying icons and annotations. */
    public static class Decorated {
        @Tool(name = "pretty", icons = @Icon(src = "https://example.com/t.svg", mimeType = "image/svg+xml", sizes = "any", theme = "dark"))
        public String pretty() {
            return "";
        }

        @McpResource(uri = "doc://a", icons = @Icon(src = "data:image/png;base64,AAAA"), audience = {"user", "assistant"},
                priority = 0.8, lastModified = "2026-01-31T12:00:00Z")
        public String doc() {
            return "";
        }

        @ResourceTemplate(uriTemplate = "doc://{id}", audience = "assistant", priority = 0)
        public String docs(String id) {
            return "";
        }

        @Prompt(name = "p", icons = @Icon(src = "https://example.com/p.png"))
        public String prompt() {
            return "";
        }

        @McpResource(uri = "doc://bad", icons = @Icon(src = "http://insecure.example/i.png"))
        public String insecureIcon() {
            return "";
        }

        @McpResource(uri = "doc://bad2", priority = 1.5)
        public String badPriority() {
            return "";
        }

        @McpResource(uri = "doc://bad3", audience = "robots")
        public String badAudience() {
            return "";
        }

        @McpResource(uri = "doc://bad4", lastModified = "yesterday")
        public String badDate() {
            return "";
        }
    }

    private static Method m(String name, Class<?>... types) throws NoSuchMethodException {
        return Decorated.class.getMethod(name, types);
    }

    @Test
    void toolIconsFrom20251125Only() throws Exception {
        ToolDefinition tool = ToolIntrospector.fromMethod(m("pretty"), args -> "");
        JsonObject icon = tool.toJson("2025-11-25").getJsonArray("icons").getJsonObject(0);
        assertEquals(Json.createObjectBuilder().add("src", "https://example.com/t.svg").add("mimeType", "image/svg+xml")
                .add("sizes", Json.createArrayBuilder().add("any")).add("theme", "dark").build(), icon);
        assertTrue(tool.toJson("2026-07-28").containsKey("icons"));
        assertFalse(tool.toJson("2025-06-18").containsKey("icons"));
    }

    @Test
    void resourceAnnotationsAndIcons() throws Exception {
        ResourceDefinition doc = ResourceIntrospector.resource(m("doc"), args -> "");
        JsonObject modern = doc.toJson("2025-11-25");
        assertEquals("data:image/png;base64,AAAA", modern.getJsonArray("icons").getJsonObject(0).getString("src"));
        JsonObject annotations = modern.getJsonObject("annotations");
        assertEquals(2, annotations.getJsonArray("audience").size());
        assertEquals(0.8, annotations.getJsonNumber("priority").doubleValue());
        assertEquals("2026-01-31T12:00:00Z", annotations.getString("lastModified"));
        JsonObject old = doc.toJson("2024-11-05");
        assertFalse(old.containsKey("icons"));
        assertFalse(old.getJsonObject("annotations").containsKey("lastModified"), "lastModified exists from 2025-06-18");
        assertEquals(0.8, old.getJsonObject("annotations").getJsonNumber("priority").doubleValue());
    }

    @Test
    void templateAnnotationsAndPromptIcons() throws Exception {
        TemplateDefinition docs = ResourceIntrospector.template(m("docs", String.class), args -> "");
        JsonObject annotations = docs.toJson("2025-06-18").getJsonObject("annotations");
        assertEquals("assistant", annotations.getJsonArray("audience").getString(0));
        assertEquals(0, annotations.getJsonNumber("priority").intValue());
        PromptDefinition p = PromptIntrospector.fromMethod(m("prompt"), args -> "");
        assertEquals("https://example.com/p.png", p.toJson("2026-07-28").getJsonArray("icons").getJsonObject(0).getString("src"));
        assertFalse(p.toJson("2025-03-26").containsKey("icons"));
    }

    @Test
    void invalidMetadataFailsAtDeployTimeNamingTheResource() {
        for (String bad : new String[] {"insecureIcon", "badPriority", "badAudience", "badDate"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ResourceIntrospector.resource(m(bad), args -> ""), bad);
            assertTrue(e.getMessage().startsWith("Resource 'doc://bad"), e.getMessage());
        }
    }

    @Test
    void nothingDeclaredMeansNothingAdded() {
        assertSame(Presentation.NONE, Presentation.of(new Icon[0], new String[0], -1, ""));
        JsonObject base = Json.createObjectBuilder().add("name", "x").build();
        assertSame(base, Presentation.NONE.decorate(base, "2026-07-28"));
    }
}
