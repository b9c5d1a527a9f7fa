package dev.mcpws.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcpws.api.CompletePrompt;
import dev.mcpws.api.McpCaller;
import dev.mcpws.api.McpResource;
import dev.mcpws.api.Prompt;
import dev.mcpws.api.ResourceTemplate;
import dev.mcpws.api.Tool;
import dev.mcpws.contract.InMemoryFeatures;
import dev.mcpws.engine.EngineHarness;
import dev.mcpws.protocol.ErrorCodes;
import dev.mcpws.tools.ProgrammaticTools;
import dev.mcpws.tools.ToolIntrospector;
import jakarta.annotation.security.RolesAllowed;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Scopes per tool, resource, template and prompt: a caller without them does not see the item in any list, and naming
 * it answers exactly as naming something that does not exist ({@code mcp.auth.forbidden=hide}); with
 * {@code challenge} lists show everything and using it answers -32007 naming the scopes. Both eras.
 */
class ScopesTest {

    /** Application beans as they would be written: some items need scopes, some do not. */
    public static class Guarded {
        @Tool(name = "a_open")
        public String open() {
            return "open";
        }

        @Tool(name = "b_admin", scopes = "mcp:admin")
        public String admin() {
            return "admin";
        }

        @Tool(name = "c_open")
        public String alsoOpen() {
            return "also open";
        }

        @RolesAllowed("ops")
        @Tool(name = "d_ops")
        public String ops() {
            return "ops";
        }

        @Tool(name = "e_both", scopes = "mcp:admin")
        @RolesAllowed("ops")
        public String both() {
            return "both";
        }

        @McpResource(uri = "mem://public", mimeType = "text/plain")
        public String publicDoc() {
            return "public";
        }

        @McpResource(uri = "mem://secret", mimeType = "text/plain", scopes = "mcp:admin")
        public String secretDoc() {
            return "secret";
        }

        @ResourceTemplate(uriTemplate = "mem://vault/{id}", mimeType = "text/plain", scopes = "mcp:admin")
        public String vault(String id) {
            return "vault " + id;
        }

        @Prompt(name = "admin_prompt", scopes = "mcp:admin")
        public String adminPrompt(String topic) {
            return "about " + topic;
        }

        @CompletePrompt("admin_prompt")
        public List<String> topics(String topic) {
            return List.of(topic + "1");
        }
    }

    /** A class whose every tool needs a role. */
    @RolesAllowed("auditor")
    public static class Audited {
        @Tool(name = "audit_log")
        public String log() {
            return "log";
        }
    }

    private static final McpCaller ADMIN = new McpCaller("ada", Set.of("mcp", "mcp:admin"), null);
    private static final McpCaller OPS = new McpCaller("otto", Set.of("ops"), null);
    private static final McpCaller PLAIN = new McpCaller("pat", Set.of("mcp"), null);

    private EngineHarness h;
    private boolean modern;
    private long ids = 10;

    @AfterEach
    void close() {
        if (h != null) {
            h.close();
        }
    }

    private InMemoryFeatures features;

    private void start(String version, Guard guard, int pageSize, Class<?>... beans) {
        features = new InMemoryFeatures(pageSize, guard, beans);
        h = new EngineHarness(features.features);
        modern = version.equals("2026-07-28");
        if (!modern) {
            h.initialize(version);
        }
    }

    private void start(String version, Guard guard) {
        start(version, guard, 50, Guarded.class, Audited.class);
    }

    private JsonObject send(String method, JsonObjectBuilder params) {
        if (modern) {
            params.add("_meta", EngineHarness.modernMeta());
        }
        return h.call(EngineHarness.request(ids++, method, params));
    }

    private static JsonObjectBuilder params() {
        return Json.createObjectBuilder();
    }

    private List<String> listAll(String method, String arrayKey, String field) {
        List<String> out = new ArrayList<>();
        String cursor = null;
        for (int page = 0; page < 20; page++) {
            JsonObjectBuilder p = params();
            if (cursor != null) {
                p.add("cursor", cursor);
            }
            JsonObject result = send(method, p).getJsonObject("result");
            result.getJsonArray(arrayKey).getValuesAs(JsonObject.class).forEach(o -> out.add(o.getString(field)));
            if (!result.containsKey("nextCursor")) {
                return out;
            }
            cursor = result.getString("nextCursor");
        }
        throw new AssertionError("more than 20 pages");
    }

    private List<String> tools() {
        return listAll("tools/list", "tools", "name");
    }

    private JsonObject call(String tool) {
        return send("tools/call", params().add("name", tool));
    }

    /** An error without the name it is about, so a hidden item's error can be compared with a missing one's. */
    private static String anonymized(JsonObject response, String name) {
        JsonObject error = response.getJsonObject("error");
        assertTrue(error != null, "expected an error: " + response);
        return error.toString().replace(name, "<name>");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2025-11-25", "2026-07-28"})
    void aCallerWithoutScopesSeesOnlyOpenItems(String version) {
        start(version, Guard.HIDE);
        assertEquals(List.of("a_open", "c_open"), tools());
        assertEquals(List.of("mem://public"), listAll("resources/list", "resources", "uri"));
        assertEquals(List.of(), listAll("resources/templates/list", "resourceTemplates", "uriTemplate"));
        assertEquals(List.of(), listAll("prompts/list", "prompts", "name"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2025-11-25", "2026-07-28"})
    void namingAHiddenItemAnswersAsIfItDidNotExist(String version) {
        start(version, Guard.HIDE);
        h.connection.principal(PLAIN);
        assertEquals(anonymized(call("no_such_tool"), "no_such_tool"), anonymized(call("b_admin"), "b_admin"));
        assertEquals(anonymized(read("mem://nothing"), "mem://nothing"), anonymized(read("mem://secret"), "mem://secret"));
        assertEquals(anonymized(read("mem://nothing/1"), "mem://nothing/1"),
                anonymized(read("mem://vault/1"), "mem://vault/1"));
        assertEquals(anonymized(getPrompt("no_prompt"), "no_prompt"), anonymized(getPrompt("admin_prompt"), "admin_prompt"));
        assertEquals(anonymized(complete("no_prompt"), "no_prompt"), anonymized(complete("admin_prompt"), "admin_prompt"));
        assertEquals("open", text(call("a_open")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2025-11-25", "2026-07-28"})
    void theRightScopesShowAndServeEverything(String version) {
        start(version, Guard.HIDE);
        h.connection.principal(ADMIN);
        assertEquals(List.of("a_open", "b_admin", "c_open"), tools());
        assertEquals("admin", text(call("b_admin")));
        assertEquals(List.of("mem://public", "mem://secret"), listAll("resources/list", "resources", "uri"));
        assertEquals(List.of("mem://vault/{id}"), listAll("resources/templates/list", "resourceTemplates", "uriTemplate"));
        assertEquals("secret", read("mem://secret").getJsonObject("result").getJsonArray("contents")
                .getJsonObject(0).getString("text"));
        assertEquals("vault 7", read("mem://vault/7").getJsonObject("result").getJsonArray("contents")
                .getJsonObject(0).getString("text"));
        assertEquals(List.of("admin_prompt"), listAll("prompts/list", "prompts", "name"));
        assertTrue(getPrompt("admin_prompt").containsKey("result"));
        assertEquals("x1", complete("admin_prompt").getJsonObject("result").getJsonObject("completion")
                .getJsonArray("values").getString(0));
    }

    @Test
    void rolesAllowedOnTheMethodOrItsClassAreScopesToo() {
        start("2025-11-25", Guard.HIDE);
        h.connection.principal(OPS);
        assertEquals(List.of("a_open", "c_open", "d_ops"), tools(), "e_both needs mcp:admin and ops");
        h.connection.principal(new McpCaller("both", Set.of("ops", "mcp:admin"), null));
        assertEquals(List.of("a_open", "b_admin", "c_open", "d_ops", "e_both"), tools());
        assertEquals("both", text(call("e_both")));
        h.connection.principal(new McpCaller("auditor", Set.of("auditor"), null));
        assertTrue(tools().contains("audit_log"));
        assertEquals("log", text(call("audit_log")));
    }

    @Test
    void pagesSkipHiddenItemsAndTheirCursorsStillWork() {
        start("2025-11-25", Guard.HIDE, 1, Guarded.class);
        h.connection.principal(PLAIN);
        assertEquals(List.of("a_open", "c_open"), tools());
        h.connection.principal(ADMIN);
        assertEquals(List.of("a_open", "b_admin", "c_open"), tools());
        JsonObject first = send("tools/list", params()).getJsonObject("result");
        h.connection.principal(PLAIN);
        JsonObject second = send("tools/list", params().add("cursor", first.getString("nextCursor")))
                .getJsonObject("result");
        assertEquals("c_open", second.getJsonArray("tools").getJsonObject(0).getString("name"),
                "a cursor made for another caller skips what this one may not see");
        assertFalse(second.containsKey("nextCursor"), "no page of hidden items only");
    }

    @Test
    void aListThatDependsOnTheCallerIsCachedPrivately() {
        start("2026-07-28", Guard.HIDE);
        assertEquals("private", send("tools/list", params()).getJsonObject("result").getString("cacheScope"));
        h.close();
        start("2026-07-28", Guard.HIDE, 50, Audited.class);
        assertEquals("public", send("prompts/list", params()).getJsonObject("result").getString("cacheScope"),
                "no prompt needs scopes: the configured scope (public by default)");
        h.close();
        start("2026-07-28", Guard.CHALLENGE);
        assertEquals("public", send("tools/list", params()).getJsonObject("result").getString("cacheScope"),
                "with challenge every caller gets the same list");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2025-11-25", "2026-07-28"})
    void challengeListsEverythingAndNamesTheMissingScopes(String version) {
        start(version, Guard.CHALLENGE);
        h.connection.principal(PLAIN);
        assertEquals(List.of("a_open", "b_admin", "c_open", "d_ops", "e_both", "audit_log").stream().sorted().toList(),
                tools());
        JsonObject error = call("e_both").getJsonObject("error");
        assertEquals(ErrorCodes.INSUFFICIENT_SCOPE, error.getInt("code"));
        assertEquals(Json.createArrayBuilder().add("mcp:admin").add("ops").build(),
                error.getJsonObject("data").getJsonArray("requiredScopes"));
        assertEquals(ErrorCodes.INSUFFICIENT_SCOPE, read("mem://secret").getJsonObject("error").getInt("code"));
        assertEquals(ErrorCodes.INSUFFICIENT_SCOPE, getPrompt("admin_prompt").getJsonObject("error").getInt("code"));
        h.connection.principal(ADMIN);
        assertEquals("admin", text(call("b_admin")));
    }

    @Test
    void withoutAnyCallerScopedItemsAreHidden() {
        start("2025-11-25", Guard.HIDE);
        h.connection.principal(null);
        assertFalse(tools().contains("b_admin"));
        assertEquals(ErrorCodes.INVALID_PARAMS, call("b_admin").getJsonObject("error").getInt("code"));
        h.connection.principal(() -> "container-user");
        assertFalse(tools().contains("b_admin"), "a principal that carries no scopes has none");
    }

    @Test
    void programmaticToolsTakeScopes() {
        InMemoryFeatures f = new InMemoryFeatures(50, Guard.HIDE);
        h = new EngineHarness(f.features);
        h.initialize("2025-11-25");
        new ProgrammaticTools(f.tools).newTool("added").scopes("mcp:admin").handler(a -> "added").register();
        h.connection.principal(PLAIN);
        assertEquals(List.of(), tools());
        h.connection.principal(ADMIN);
        assertEquals(List.of("added"), tools());
        assertEquals("added", text(call("added")));
    }

    @Test
    void aScopeIsAnRfc6749ScopeToken() {
        class Bad {
            @Tool(name = "bad", scopes = "two words")
            public String bad() {
                return "";
            }
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ToolIntrospector.fromMethod(
                Bad.class.getMethod("bad"), args -> ""));
        assertTrue(e.getMessage().contains("Tool 'bad'") && e.getMessage().contains("'two words'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Access.requiring(List.of("quote\"")));
        assertEquals("a b", Access.requiring(List.of("b", "a", "b")).scopeString());
        assertTrue(Access.requiring(List.of()).isOpen());
    }

    /**
     * A subscriber without the scopes of a resource (or of the template its URI matches) is never told it changed:
     * the same subscriber hears an open resource, and hears the guarded one once its caller has the scopes.
     */
    @ParameterizedTest
    @ValueSource(strings = {"2025-11-25", "2026-07-28"})
    void updatesOfAGuardedResourceReachOnlyCallersWithItsScopes(String version) {
        start(version, Guard.HIDE);
        h.connection.principal(PLAIN);
        subscribe("mem://public", "mem://secret", "mem://vault/1");
        features.resources.updated("mem://secret");
        features.resources.updated("mem://vault/1");
        features.resources.updated("mem://public");
        assertEquals("mem://public", nextUpdatedUri(), "the open resource's update arrives, and the guarded ones' before it did not");
        h.connection.assertNoUnread();
        h.connection.principal(ADMIN);
        features.resources.updated("mem://secret");
        assertEquals("mem://secret", nextUpdatedUri());
        features.resources.updated("mem://vault/1");
        assertEquals("mem://vault/1", nextUpdatedUri());
    }

    @ParameterizedTest
    @ValueSource(strings = {"2025-11-25", "2026-07-28"})
    void hideAcceptsASubscriptionToAGuardedResourceLikeOneToAnUnknownUriAndChallengeRefusesIt(String version) {
        start(version, Guard.HIDE);
        h.connection.principal(PLAIN);
        if (!modern) {
            assertEquals(send("resources/subscribe", params().add("uri", "mem://nothing")).get("result"),
                    send("resources/subscribe", params().add("uri", "mem://secret")).get("result"));
        }
        h.close();
        start(version, Guard.CHALLENGE);
        h.connection.principal(PLAIN);
        JsonObject refused = modern
                ? h.call(listen(ids++, "mem://public", "mem://vault/2"))
                : send("resources/subscribe", params().add("uri", "mem://secret"));
        assertEquals(ErrorCodes.INSUFFICIENT_SCOPE, refused.getJsonObject("error").getInt("code"), refused.toString());
        h.connection.principal(ADMIN);
        if (!modern) {
            assertTrue(send("resources/subscribe", params().add("uri", "mem://secret")).containsKey("result"));
        }
    }

    private void subscribe(String... uris) {
        if (modern) {
            h.send(listen(ids++, uris));
            assertEquals("notifications/subscriptions/acknowledged", h.connection.nextObject().getString("method"));
        } else {
            for (String uri : uris) {
                assertTrue(send("resources/subscribe", params().add("uri", uri)).containsKey("result"));
            }
        }
    }

    private static JsonObject listen(long id, String... uris) {
        jakarta.json.JsonArrayBuilder list = Json.createArrayBuilder();
        for (String uri : uris) {
            list.add(uri);
        }
        return EngineHarness.request(id, "subscriptions/listen", params()
                .add("notifications", Json.createObjectBuilder().add("resourceSubscriptions", list))
                .add("_meta", EngineHarness.modernMeta()));
    }

    private String nextUpdatedUri() {
        JsonObject n = h.connection.nextObject();
        assertEquals("notifications/resources/updated", n.getString("method"), n.toString());
        return n.getJsonObject("params").getString("uri");
    }

    private JsonObject read(String uri) {
        return send("resources/read", params().add("uri", uri));
    }

    private JsonObject getPrompt(String name) {
        return send("prompts/get", params().add("name", name).add("arguments", Json.createObjectBuilder().add("topic", "x")));
    }

    private JsonObject complete(String prompt) {
        return send("completion/complete", params()
                .add("ref", Json.createObjectBuilder().add("type", "ref/prompt").add("name", prompt))
                .add("argument", Json.createObjectBuilder().add("name", "topic").add("value", "x")));
    }

    private static String text(JsonObject response) {
        JsonObject result = response.getJsonObject("result");
        assertTrue(result != null, "expected a result: " + response);
        assertFalse(result.getBoolean("isError", false), response.toString());
        return result.getJsonArray("content").getJsonObject(0).getString("text");
    }
}
