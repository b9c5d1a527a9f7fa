package dev.mcpws.resources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcpws.api.McpResource;
import dev.mcpws.api.RequestInfo;
import dev.mcpws.api.ResourceContents;
import dev.mcpws.api.ResourceManager;
import dev.mcpws.api.ResourceNotFoundException;
import dev.mcpws.api.ResourceTemplate;
import dev.mcpws.testing.EngineHarness;
import dev.mcpws.testing.Methods;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/** resources/list, resources/templates/list and resources/read through the engine, in both eras. */
class ResourcesFeatureTest {

    /** Fixture resources, bound as the CDI extension binds them. */
    public static class Fixture {
        @McpResource(uri = "config://app", name = "app_config", title = "App configuration",
                description = "The configuration", mimeType = "application/json", size = 14)
        public String config() {
            return "{\"debug\":true}";
        }

        @McpResource(uri = "bin://logo")
        public byte[] logo() {
            return new byte[] {1, 2, 3};
        }

        @McpResource(uri = "fail://boom")
        public String boom() {
            throw new IllegalStateException("secret detail");
        }

        @McpResource(uri = "async://later", mimeType = "text/markdown")
        public CompletionStage<String> later() {
            return CompletableFuture.supplyAsync(() -> "# later");
        }

        @McpResource(uri = "gone://x")
        public String gone() {
            return null;
        }

        @ResourceTemplate(uriTemplate = "users://{id}/profile", title = "User profile", mimeType = "text/plain")
        public String profile(int id, RequestInfo info) {
            if (id == 0) {
                throw new ResourceNotFoundException("No user 0");
            }
            return "user " + id + " via " + info.protocolVersion();
        }

        @ResourceTemplate(uriTemplate = "users://{+rest}")
        public String anyUser(String rest) {
            return "any " + rest;
        }

        @ResourceTemplate(uriTemplate = "files:///{+path}")
        public List<ResourceContents> file(String path) {
            return List.of(ResourceContents.text(null, "text/x-java", "class " + path),
                    ResourceContents.blob("files:///" + path + ".class", null, new byte[] {(byte) 0xca, (byte) 0xfe}));
        }

        @ResourceTemplate(uriTemplate = "items://{a}/{b}")
        public String anyItem(String a, String b) {
            return "generic " + a + "/" + b;
        }

        @ResourceTemplate(uriTemplate = "items://special/{b}")
        public String specialItem(String b) {
            return "special " + b;
        }

        @ResourceTemplate(uriTemplate = "flags://{name}/{on}")
        public ResourceContents flag(String name, boolean on) {
            return ResourceContents.text(null, null, name + "=" + on);
        }
    }

    static ResourceRegistry registry() {
        Fixture f = new Fixture();
        ResourceRegistry r = new ResourceRegistry();
        for (Method m : Fixture.class.getDeclaredMethods()) {
            if (m.isAnnotationPresent(McpResource.class)) {
                r.addResource(ResourceIntrospector.resource(m, Methods.on(f, m)));
            } else if (m.isAnnotationPresent(ResourceTemplate.class)) {
                r.addTemplate(ResourceIntrospector.template(m, Methods.on(f, m)));
            }
        }
        return r;
    }

    private final ResourceRegistry registry = registry();
    private final EngineHarness harness = new EngineHarness(new ResourcesFeature(registry, 3));

    private static JsonObject uri(String uri) {
        return Json.createObjectBuilder().add("uri", uri).build();
    }

    @Test
    void listsResourcesByUriWithTheFieldsOfEachVersion() {
        JsonObject page = harness.legacy("2025-11-25").result("resources/list", null);
        JsonArray resources = page.getJsonArray("resources");
        assertEquals(List.of("async://later", "bin://logo", "config://app"),
                resources.getValuesAs(JsonObject.class).stream().map(r -> r.getString("uri")).toList());
        JsonObject config = resources.getJsonObject(2);
        assertEquals("app_config", config.getString("name"));
        assertEquals("App configuration", config.getString("title"));
        assertEquals("The configuration", config.getString("description"));
        assertEquals("application/json", config.getString("mimeType"));
        assertEquals(14, config.getInt("size"));
        assertEquals("logo", resources.getJsonObject(1).getString("name"), "the name defaults to the method name");
        assertFalse(page.containsKey("ttlMs"), "no caching hints before 2026-07-28");

        JsonObject old = harness.legacy("2024-11-05").result("resources/list", null).getJsonArray("resources").getJsonObject(2);
        assertFalse(old.containsKey("title"), "2024-11-05 has no title");
        assertEquals(14, old.getInt("size"));
    }

    @Test
    void pagesThroughResourcesAndRejectsBadCursors() {
        EngineHarness.Client c = harness.legacy("2025-11-25");
        JsonObject first = c.result("resources/list", null);
        assertEquals(3, first.getJsonArray("resources").size());
        JsonObject second = c.result("resources/list", Json.createObjectBuilder().add("cursor", first.getString("nextCursor")).build());
        assertEquals(List.of("fail://boom", "gone://x"), second.getJsonArray("resources").getValuesAs(JsonObject.class)
                .stream().map(r -> r.getString("uri")).toList());
        assertFalse(second.containsKey("nextCursor"));
        c.error("resources/list", Json.createObjectBuilder().add("cursor", "nope").build(), -32602);
        c.error("resources/templates/list", Json.createObjectBuilder().add("cursor", 3).build(), -32602);
    }

    @Test
    void listsTemplatesByUriTemplateAcrossPages() {
        List<JsonObject> templates = allTemplates(harness.legacy("2025-06-18"));
        assertEquals(List.of("files:///{+path}", "flags://{name}/{on}", "items://special/{b}", "items://{a}/{b}",
                        "users://{+rest}", "users://{id}/profile"),
                templates.stream().map(t -> t.getString("uriTemplate")).toList());
        JsonObject profile = templates.get(5);
        assertEquals("profile", profile.getString("name"));
        assertEquals("User profile", profile.getString("title"));
        assertEquals("text/plain", profile.getString("mimeType"));
        assertFalse(allTemplates(harness.legacy("2025-03-26")).get(5).containsKey("title"), "no title before 2025-06-18");
    }

    private static List<JsonObject> allTemplates(EngineHarness.Client c) {
        List<JsonObject> all = new ArrayList<>();
        String cursor = null;
        do {
            JsonObject page = c.result("resources/templates/list",
                    cursor == null ? null : Json.createObjectBuilder().add("cursor", cursor).build());
            all.addAll(page.getJsonArray("resourceTemplates").getValuesAs(JsonObject.class));
            cursor = page.getString("nextCursor", null);
        } while (cursor != null);
        return all;
    }

    @Test
    void readsTextAndBlobs() {
        EngineHarness.Client c = harness.legacy("2025-11-25");
        JsonObject text = c.result("resources/read", uri("config://app")).getJsonArray("contents").getJsonObject(0);
        assertEquals("config://app", text.getString("uri"));
        assertEquals("application/json", text.getString("mimeType"));
        assertEquals("{\"debug\":true}", text.getString("text"));
        assertFalse(text.containsKey("blob"));

        JsonObject blob = c.result("resources/read", uri("bin://logo")).getJsonArray("contents").getJsonObject(0);
        assertEquals("application/octet-stream", blob.getString("mimeType"), "byte[] without a declared type");
        assertEquals(Base64.getEncoder().encodeToString(new byte[] {1, 2, 3}), blob.getString("blob"));
        assertFalse(blob.containsKey("text"));

        JsonObject later = c.result("resources/read", uri("async://later")).getJsonArray("contents").getJsonObject(0);
        assertEquals("# later", later.getString("text"));
        assertEquals("text/markdown", later.getString("mimeType"));
    }

    @Test
    void readsTemplatesWithTypedVariables() {
        EngineHarness.Client c = harness.legacy("2025-11-25");
        assertEquals("user 42 via 2025-11-25", c.result("resources/read", uri("users://42/profile"))
                .getJsonArray("contents").getJsonObject(0).getString("text"));
        JsonArray file = c.result("resources/read", uri("files:///src/App%20One.java")).getJsonArray("contents");
        assertEquals("files:///src/App%20One.java", file.getJsonObject(0).getString("uri"), "contents without a uri get the one read");
        assertEquals("class src/App One.java", file.getJsonObject(0).getString("text"), "variables are decoded");
        assertEquals("text/x-java", file.getJsonObject(0).getString("mimeType"));
        assertEquals("files:///src/App One.java.class", file.getJsonObject(1).getString("uri"));
        assertEquals("yv4=", file.getJsonObject(1).getString("blob"));
        JsonObject flag = c.result("resources/read", uri("flags://debug/true")).getJsonArray("contents").getJsonObject(0);
        assertEquals("debug=true", flag.getString("text"));
        assertFalse(flag.containsKey("mimeType"), "no declared type, none returned");
    }

    @Test
    void theMostSpecificMatchWins() {
        EngineHarness.Client c = harness.legacy("2025-11-25");
        assertTrue(text(c, "users://7/profile").startsWith("user 7"), "users://{id}/profile beats users://{+rest}");
        assertEquals("any 7/posts", text(c, "users://7/posts"));
        assertEquals("any x/profile/y", text(c, "users://x/profile/y"));
        assertEquals("special 1", text(c, "items://special/1"), "more literal characters win, whatever the list order");
        assertEquals("generic normal/1", text(c, "items://normal/1"));
    }

    private static String text(EngineHarness.Client c, String uri) {
        return c.result("resources/read", uri(uri)).getJsonArray("contents").getJsonObject(0).getString("text");
    }

    @Test
    void notFoundIsMinus32002InLegacyErasAndMinus32602In2026() {
        for (String missing : List.of("nothing://here", "flags://debug/maybe", "users://0/profile", "gone://x")) {
            JsonObject legacy = harness.legacy("2025-11-25").error("resources/read", uri(missing), -32002);
            assertEquals(missing, legacy.getJsonObject("data").getString("uri"));
            JsonObject modern = harness.modern().error("resources/read", uri(missing), -32602);
            assertEquals(missing, modern.getJsonObject("data").getString("uri"));
        }
        JsonObject typed = harness.legacy("2025-11-25").error("resources/read", uri("flags://debug/maybe"), -32002);
        assertTrue(typed.getString("message").contains("on"), typed.toString());
        assertEquals("No user 0", harness.legacy("2025-11-25").error("resources/read", uri("users://0/profile"), -32002)
                .getString("message"));
    }

    @Test
    void malformedReadsAndFailuresAreProtocolErrors() {
        EngineHarness.Client c = harness.legacy("2025-11-25");
        c.error("resources/read", null, -32602);
        c.error("resources/read", Json.createObjectBuilder().add("uri", 5).build(), -32602);
        JsonObject boom = c.error("resources/read", uri("fail://boom"), -32603);
        assertFalse(boom.toString().contains("secret"), boom.toString());
    }

    @Test
    void modernResultsAreCacheable() {
        EngineHarness.Client c = harness.modern();
        for (String method : List.of("resources/list", "resources/templates/list")) {
            JsonObject r = c.result(method, null);
            assertEquals("complete", r.getString("resultType"));
            assertEquals(5000, r.getInt("ttlMs"));
            assertEquals("private", r.getString("cacheScope"));
        }
        JsonObject read = c.result("resources/read", uri("users://5/profile"));
        assertEquals(5000, read.getInt("ttlMs"));
        assertEquals("user 5 via 2026-07-28", read.getJsonArray("contents").getJsonObject(0).getString("text"));
    }

    @Test
    void capabilitiesAnnounceListChangedOnlyToTheLegacyEra() {
        JsonObject legacy = harness.legacy("2025-11-25").initializeResult().getJsonObject("capabilities");
        assertEquals(Json.createObjectBuilder().add("listChanged", true).build(), legacy.getJsonObject("resources"));
        JsonObject modern = harness.modern().result("server/discover", null).getJsonObject("capabilities");
        assertEquals(JsonObject.EMPTY_JSON_OBJECT, modern.getJsonObject("resources"));
    }

    @Test
    void theProgrammaticApiAddsAndRemovesResourcesAndTemplates() {
        List<String> changes = new ArrayList<>();
        registry.onChange(() -> changes.add("changed"));
        ResourceManager manager = new ProgrammaticResources(registry);
        manager.newResource("mem://note").name("note").mimeType("text/plain").size(2).handler(r -> "hi").register();
        manager.newTemplate("mem://notes/{n}").handler(r -> "note " + r.variables().get("n") + " at " + r.uri()
                + " for " + r.request().protocolVersion()).register();
        assertEquals(2, changes.size());
        assertTrue(manager.resourceUris().contains("mem://note"));
        assertTrue(manager.templateUris().contains("mem://notes/{n}"));

        EngineHarness.Client c = harness.legacy("2025-11-25");
        assertEquals("hi", text(c, "mem://note"));
        assertEquals("note 3 at mem://notes/3 for 2025-11-25", text(c, "mem://notes/3"));

        assertTrue(manager.removeResource("mem://note"));
        assertTrue(manager.removeTemplate("mem://notes/{n}"));
        assertFalse(manager.removeTemplate("mem://notes/{n}"));
        assertEquals(4, changes.size());
        c.error("resources/read", uri("mem://note"), -32002);
        c.error("resources/read", uri("mem://notes/3"), -32002);
        assertThrows(IllegalArgumentException.class, () -> manager.newTemplate("mem://{a,b}").handler(r -> "").register());
        assertThrows(IllegalArgumentException.class, () -> manager.newResource("not a uri").handler(r -> "").register());
    }

    @Test
    void resolveReturnsNullForUnknownUris() {
        assertNull(registry.resolve("unknown://x"));
        assertEquals("config://app", registry.resolve("config://app").resource().uri());
    }
}
