package dev.mcpws.it;

import static dev.mcpws.it.WsClient.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/** Tools end to end: discovery, schemas, validation, results, errors, paging, runtime changes, session scope. */
@RunAsClient
class ToolsIT extends McpIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return testWar();
    }

    @Test
    void listsToolsInNameOrderWithSchemas() {
        try (WsClient c = legacy(LEGACY)) {
            JsonArray tools = c.call("tools/list", null).getJsonArray("tools");
            List<String> names = tools.getValuesAs(JsonObject.class).stream().map(t -> t.getString("name")).toList();
            assertEquals(names.stream().sorted().toList(), names, "deterministic order");
            JsonObject order = LegacyEraIT.tool(tools, "place_order");
            JsonObject orderArg = order.getJsonObject("inputSchema").getJsonObject("properties").getJsonObject("order");
            assertEquals("object", orderArg.getString("type"));
            assertEquals("array", orderArg.getJsonObject("properties").getJsonObject("items").getString("type"));
            assertEquals(List.of("order"), order.getJsonObject("inputSchema").getJsonArray("required")
                    .getValuesAs(jakarta.json.JsonString::getString));
            JsonObject slow = LegacyEraIT.tool(tools, "slow_task").getJsonObject("inputSchema");
            assertEquals(10, slow.getJsonObject("properties").getJsonObject("steps").getInt("default"));
            assertFalse(slow.containsKey("required"), "arguments with defaults are optional");
            assertFalse(slow.getJsonObject("properties").containsKey("progress"), "helpers are not arguments");
        }
    }

    @Test
    void nestedArgumentsAreBoundAndTheResultIsStructured() {
        try (WsClient c = legacy(LEGACY)) {
            JsonObject order = Json.createObjectBuilder().add("customer", "ACME")
                    .add("items", Json.createArrayBuilder()
                            .add(Json.createObjectBuilder().add("name", "bolt").add("quantity", 3))
                            .add(Json.createObjectBuilder().add("name", "nut").add("quantity", 4).add("note", "m6")))
                    .add("priority", "high").add("labels", Json.createObjectBuilder().add("a", "1")).build();
            JsonObject r = c.call("tools/call", toolCall("place_order", args().add("order", order)));
            JsonObject s = r.getJsonObject("structuredContent");
            assertEquals("ACME", s.getString("customer"));
            assertEquals(7, s.getInt("totalQuantity"));
            assertEquals("high", s.getString("priority"));
            assertEquals(1, s.getInt("labelCount"));
            assertTrue(text(r).contains("\"totalQuantity\":7"), "a text rendering accompanies structured content");
        }
    }

    @Test
    void badArgumentsAreToolErrorsNamingTheProblem() {
        try (WsClient c = legacy(LEGACY)) {
            JsonObject wrongType = c.call("tools/call", toolCall("calculate", args().add("a", "six").add("operation", "add").add("b", 1)));
            assertTrue(wrongType.getBoolean("isError"));
            assertTrue(text(wrongType).contains("a"), wrongType::toString);

            JsonObject badEnum = c.call("tools/call", toolCall("calculate", args().add("a", 1).add("operation", "pow").add("b", 1)));
            assertTrue(badEnum.getBoolean("isError"));
            assertTrue(text(badEnum).contains("operation"), badEnum::toString);

            JsonObject missing = c.call("tools/call", toolCall("echo", args()));
            assertTrue(missing.getBoolean("isError"));
            assertTrue(text(missing).contains("text"), missing::toString);

            JsonObject unknownArg = c.call("tools/call", toolCall("echo", args().add("text", "x").add("colour", "red")));
            assertTrue(unknownArg.getBoolean("isError"));
            assertTrue(text(unknownArg).contains("colour"), unknownArg::toString);

            JsonObject nested = c.call("tools/call", toolCall("place_order", args().add("order", Json.createObjectBuilder()
                    .add("customer", "x").add("items", Json.createArrayBuilder().add(Json.createObjectBuilder().add("name", "n")
                            .add("quantity", "many"))).add("priority", "low").add("labels", Json.createObjectBuilder()))));
            assertTrue(nested.getBoolean("isError"));
            assertTrue(text(nested).contains("quantity"), nested::toString);
        }
    }

    @Test
    void protocolErrorsForUnknownToolsAndMalformedCalls() {
        try (WsClient c = legacy(LEGACY)) {
            assertError(c.request("tools/call", toolCall("no_such_tool", args())), -32602);
            assertError(c.request("tools/call", Json.createObjectBuilder().add("arguments", args()).build()), -32602);
            assertError(c.request("tools/call", Json.createObjectBuilder().add("name", "echo").add("arguments", "text").build()), -32602);
        }
    }

    @Test
    void businessFailureIsAToolErrorAndUnexpectedFailureIsInternalWithoutDetails() {
        try (WsClient c = legacy(LEGACY)) {
            JsonObject business = c.call("tools/call", toolCall("fail_business", args().add("why", "stock")));
            assertTrue(business.getBoolean("isError"));
            assertEquals("Business rule violated: stock", text(business));

            JsonObject internal = c.request("tools/call", toolCall("fail_unexpected", args()));
            assertError(internal, -32603);
            assertFalse(internal.toString().contains("secret"), "no exception details leak: " + internal);
            assertFalse(internal.toString().contains("IllegalStateException"), internal::toString);

            JsonObject division = c.call("tools/call", toolCall("calculate", args().add("a", 1).add("operation", "divide").add("b", 0)));
            assertTrue(division.getBoolean("isError"));
            assertEquals("Cannot divide by zero", text(division));
        }
    }

    @Test
    void asynchronousResults() {
        try (WsClient c = legacy(LEGACY)) {
            assertEquals("async:hi", text(c.call("tools/call", toolCall("async_echo", args().add("text", "hi")))));
        }
    }

    @Test
    void pagesWithOpaqueCursorsAndRejectsBadOnes() {
        try (WsClient c = legacy(LEGACY); WsClient watcher = legacy(LEGACY)) {
            int total = Integer.parseInt(text(c.call("tools/call", toolCall("register_many", args().add("n", 120)))));
            assertTrue(total >= 123, "120 generated tools plus the deployed ones, got " + total);
            assertNotNull(watcher.await(m -> "notifications/tools/list_changed".equals(m.getString("method", "")), "list_changed"));
            List<String> names = new ArrayList<>();
            String cursor = null;
            int pages = 0;
            do {
                JsonObject params = cursor == null ? null : Json.createObjectBuilder().add("cursor", cursor).build();
                JsonObject page = c.call("tools/list", params);
                page.getJsonArray("tools").getValuesAs(JsonObject.class).forEach(t -> names.add(t.getString("name")));
                cursor = page.containsKey("nextCursor") ? page.getString("nextCursor") : null;
                pages++;
            } while (cursor != null);
            assertTrue(pages >= 3, "120+ tools at 50 per page take at least 3 pages, took " + pages);
            assertEquals(names.stream().distinct().sorted().toList(), names, "no duplicates, in order across pages");
            assertTrue(names.containsAll(List.of("generated_000", "generated_119", "echo")));
            assertEquals("x=5", text(c.call("tools/call", toolCall("generated_007", args().add("x", 5)))));

            assertError(c.request("tools/list", Json.createObjectBuilder().add("cursor", "not-a-cursor").build()), -32602);
            assertError(c.request("tools/list", Json.createObjectBuilder().add("cursor", 5).build()), -32602);

            assertEquals("120", text(c.call("tools/call", toolCall("remove_generated", args()))));
            assertError(c.request("tools/call", toolCall("generated_007", args().add("x", 5))), -32602);
        }
    }

    @Test
    void sessionScopedBeansLiveAsLongAsTheirConnection() throws Exception {
        int destroyedBefore;
        try (WsClient probe = legacy(LEGACY)) {
            destroyedBefore = Integer.parseInt(text(probe.call("tools/call", toolCall("destroyed_sessions", args()))));
        }
        try (WsClient a = legacy(LEGACY); WsClient b = legacy(LEGACY)) {
            assertEquals("1", text(a.call("tools/call", toolCall("session_counter", args()))));
            assertEquals("2", text(a.call("tools/call", toolCall("session_counter", args()))));
            assertEquals("1", text(b.call("tools/call", toolCall("session_counter", args()))), "b has its own instance");
            assertEquals("3", text(a.call("tools/call", toolCall("session_counter", args()))));
        }
        try (WsClient probe = legacy(LEGACY)) {
            int destroyed = destroyedBefore;
            for (int i = 0; i < 50 && destroyed < destroyedBefore + 2; i++) {
                Thread.sleep(100);
                destroyed = Integer.parseInt(text(probe.call("tools/call", toolCall("destroyed_sessions", args()))));
            }
            assertEquals(destroyedBefore + 2, destroyed, "closing a socket destroys its @McpSessionScoped beans");
        }
    }
}
