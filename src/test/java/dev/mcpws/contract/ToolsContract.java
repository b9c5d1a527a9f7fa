package dev.mcpws.contract;

import static dev.mcpws.contract.McpTestClient.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Tools: discovery, schemas, binding, results, tool errors vs protocol errors, paging, runtime changes, session scope. */
public interface ToolsContract extends ContractTransport {

    static JsonObject find(JsonArray items, String key, String value) {
        return items.getValuesAs(JsonObject.class).stream().filter(o -> value.equals(o.getString(key, null))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + key + " " + value + " in " + items));
    }

    static JsonObject order() {
        return obj().add("customer", "ACME")
                .add("items", Json.createArrayBuilder()
                        .add(obj().add("name", "bolt").add("quantity", 3))
                        .add(obj().add("name", "nut").add("quantity", 4).add("note", "m6")))
                .add("priority", "high").add("labels", obj().add("a", "1")).build();
    }

    @ParameterizedTest
    @EnumSource(Era.class)
    default void listsToolsInNameOrderWithSchemas(Era era) {
        try (McpTestClient c = client(era)) {
            JsonObject result = c.request("tools/list").result();
            JsonArray tools = result.getJsonArray("tools");
            List<String> names = tools.getValuesAs(JsonObject.class).stream().map(t -> t.getString("name")).toList();
            assertEquals(names.stream().sorted().toList(), names, "deterministic order");
            JsonObject order = find(tools, "name", "place_order");
            JsonObject orderArg = order.getJsonObject("inputSchema").getJsonObject("properties").getJsonObject("order");
            assertEquals("object", orderArg.getString("type"));
            assertEquals("array", orderArg.getJsonObject("properties").getJsonObject("items").getString("type"));
            assertEquals(List.of("order"), McpTestClient.strings(order.getJsonObject("inputSchema").getJsonArray("required")));
            JsonObject slow = find(tools, "name", "slow_task").getJsonObject("inputSchema");
            assertEquals(10, slow.getJsonObject("properties").getJsonObject("steps").getInt("default"));
            assertFalse(slow.containsKey("required"), "arguments with defaults are optional");
            assertFalse(slow.getJsonObject("properties").containsKey("progress"), "helpers are not arguments");
            if (era == Era.MODERN) {
                assertEquals("complete", result.getString("resultType"));
                assertEquals(1234, result.getJsonNumber("ttlMs").longValue());
                assertEquals("private", result.getString("cacheScope"), "it_admin is hidden from this caller: the"
                        + " list depends on who asks, whatever mcp.cache.scope says");
                assertTrue(result.getJsonObject("_meta").containsKey(McpTestClient.SERVER_INFO));
            } else {
                assertFalse(result.containsKey("resultType"), "legacy results carry no resultType");
                assertFalse(result.containsKey("ttlMs"));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Era.class)
    default void callResultsCarryTheEnvelopeOfTheirEra(Era era) {
        try (McpTestClient c = client(era)) {
            JsonObject call = c.tool("echo").arg("text", "hi " + era).call().result();
            assertEquals("hi " + era, call.getJsonArray("content").getJsonObject(0).getString("text"));
            assertFalse(call.containsKey("ttlMs"), "tools/call results are not cacheable");
            if (era == Era.MODERN) {
                assertEquals("complete", call.getString("resultType"));
                JsonObject serverInfo = call.getJsonObject("_meta").getJsonObject(McpTestClient.SERVER_INFO);
                assertEquals("mcp-it", serverInfo.getString("name"));
            } else {
                assertFalse(call.containsKey("resultType"));
                assertFalse(call.containsKey("_meta"));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Era.class)
    default void nestedArgumentsAreBoundAndTheResultIsStructured(Era era) {
        try (McpTestClient c = client(era)) {
            McpTestClient.Reply r = c.tool("place_order").arg("order", order()).call();
            JsonObject s = r.result().getJsonObject("structuredContent");
            assertEquals("ACME", s.getString("customer"));
            assertEquals(7, s.getInt("totalQuantity"));
            assertEquals("high", s.getString("priority"));
            assertEquals(1, s.getInt("labelCount"));
            assertTrue(r.text().contains("\"totalQuantity\":7"), "a text rendering accompanies structured content");
        }
    }

    @ParameterizedTest
    @EnumSource(Era.class)
    default void badArgumentsAreToolErrorsNamingTheProblem(Era era) {
        try (McpTestClient c = client(era)) {
            assertToolError(c.tool("calculate").arg("a", "six").arg("operation", "add").arg("b", 1).call(), "a");
            assertToolError(c.tool("calculate").arg("a", 1).arg("operation", "pow").arg("b", 1).call(), "operation");
            assertToolError(c.tool("echo").param("arguments", obj()).call(), "text");
            assertToolError(c.tool("echo").arg("text", "x").arg("colour", "red").call(), "colour");
            assertToolError(c.tool("place_order").arg("order", obj().add("customer", "x")
                    .add("items", Json.createArrayBuilder().add(obj().add("name", "n").add("quantity", "many")))
                    .add("priority", "low").add("labels", obj())).call(), "quantity");
        }
    }

    private static void assertToolError(McpTestClient.Reply r, String mentions) {
        assertTrue(r.result().getBoolean("isError"), r.response()::toString);
        assertTrue(r.text().contains(mentions), r.response()::toString);
    }

    @ParameterizedTest
    @EnumSource(Era.class)
    default void aToolThatNeedsScopesIsHiddenFromACallerWithoutThem(Era era) {
        try (McpTestClient c = client(era)) {
            JsonArray tools = c.request("tools/list").result().getJsonArray("tools");
            assertTrue(tools.getValuesAs(JsonObject.class).stream().anyMatch(t -> t.getString("name").equals("echo")));
            assertFalse(tools.getValuesAs(JsonObject.class).stream().anyMatch(t -> t.getString("name").equals("it_admin")));
            JsonObject hidden = c.tool("it_admin").param("arguments", obj()).error(-32602);
            JsonObject missing = c.tool("no_such_tool").param("arguments", obj()).error(-32602);
            assertEquals(missing.toString().replace("no_such_tool", "it_admin"), hidden.toString(),
                    "answered exactly as a tool that does not exist");
        }
    }

    @ParameterizedTest
    @EnumSource(Era.class)
    default void protocolErrorsForUnknownToolsAndMalformedCalls(Era era) {
        try (McpTestClient c = client(era)) {
            c.tool("no_such_tool").param("arguments", obj()).error(-32602);
            c.request("tools/call").param("arguments", obj()).error(-32602);
            c.tool("echo").param("arguments", "text").error(-32602);
        }
    }

    @ParameterizedTest
    @EnumSource(Era.class)
    default void businessFailureIsAToolErrorAndUnexpectedFailureIsInternalWithoutDetails(Era era) {
        try (McpTestClient c = client(era)) {
            McpTestClient.Reply business = c.tool("fail_business").arg("why", "stock").call();
            assertTrue(business.result().getBoolean("isError"));
            assertEquals("Business rule violated: stock", business.text());

            McpTestClient.Reply internal = c.tool("fail_unexpected").param("arguments", obj()).call();
            assertEquals(-32603, internal.code());
            assertFalse(internal.response().toString().contains("secret"), "no exception details leak: " + internal);
            assertFalse(internal.response().toString().contains("IllegalStateException"), internal.response()::toString);

            McpTestClient.Reply division = c.tool("calculate").arg("a", 1).arg("operation", "divide").arg("b", 0).call();
            assertTrue(division.result().getBoolean("isError"));
            assertEquals("Cannot divide by zero", division.text());
        }
    }

    @ParameterizedTest
    @EnumSource(Era.class)
    default void asynchronousResults(Era era) {
        try (McpTestClient c = client(era)) {
            assertEquals("async:hi", c.tool("async_echo").arg("text", "hi").call().text());
        }
    }

    @ParameterizedTest
    @EnumSource(Era.class)
    default void pagesWithOpaqueCursorsAndRejectsBadOnes(Era era) {
        try (McpTestClient c = client(era); McpTestClient watcher = client(Era.LEGACY)) {
            try {
                int total = Integer.parseInt(c.tool("register_many").arg("n", 120).call().text());
                assertTrue(total >= 123, "120 generated tools plus the deployed ones, got " + total);
                assertNotNull(watcher.awaitNotification("notifications/tools/list_changed"));
                List<String> names = new ArrayList<>();
                String cursor = null;
                int pages = 0;
                do {
                    McpTestClient.Request list = c.request("tools/list");
                    if (cursor != null) {
                        list.param("cursor", cursor);
                    }
                    JsonObject page = list.result();
                    page.getJsonArray("tools").getValuesAs(JsonObject.class).forEach(t -> names.add(t.getString("name")));
                    cursor = page.containsKey("nextCursor") ? page.getString("nextCursor") : null;
                    pages++;
                } while (cursor != null);
                assertTrue(pages >= 3, "120+ tools at 50 per page take at least 3 pages, took " + pages);
                assertEquals(names.stream().distinct().sorted().toList(), names, "no duplicates, in order across pages");
                assertTrue(names.containsAll(List.of("generated_000", "generated_119", "echo")));
                assertEquals("x=5", c.tool("generated_007").arg("x", 5).call().text());

                c.request("tools/list").param("cursor", "not-a-cursor").error(-32602);
                c.request("tools/list").param("cursor", 5).error(-32602);
            } finally {
                assertEquals("120", c.tool("remove_generated").param("arguments", obj()).call().text());
            }
            c.tool("generated_007").arg("x", 5).error(-32602);
        }
    }

    @Test
    default void toolFieldsFollowTheNegotiatedVersion() {
        try (McpTestClient c = legacyClient("2024-11-05")) {
            JsonObject calc = find(c.request("tools/list").result().getJsonArray("tools"), "name", "calculate");
            assertFalse(calc.containsKey("title"));
            assertFalse(calc.containsKey("annotations"));
            assertFalse(calc.containsKey("outputSchema"));
            McpTestClient.Reply result = c.tool("calculate").arg("a", 2).arg("operation", "add").arg("b", 3).call();
            assertFalse(result.result().containsKey("structuredContent"));
            assertTrue(result.text().contains("\"result\":5"), result.response()::toString);
        }
        try (McpTestClient c = legacyClient("2025-03-26")) {
            JsonObject calc = find(c.request("tools/list").result().getJsonArray("tools"), "name", "calculate");
            assertTrue(calc.containsKey("annotations"));
            assertFalse(calc.containsKey("title"));
        }
        for (Era era : Era.values()) {
            try (McpTestClient c = client(era)) {
                JsonObject calc = find(c.request("tools/list").result().getJsonArray("tools"), "name", "calculate");
                assertEquals("Calculator", calc.getString("title"));
                assertEquals("object", calc.getJsonObject("outputSchema").getString("type"));
                assertTrue(calc.getJsonObject("annotations").getBoolean("readOnlyHint"));
                JsonObject result = c.tool("calculate").arg("a", 6).arg("operation", "multiply").arg("b", 7).call().result();
                assertEquals(42, result.getJsonObject("structuredContent").getJsonNumber("result").intValue());
            }
        }
    }

    @Test
    default void sessionScopedBeansLiveAsLongAsTheirConnection() {
        assumeTrue(has(Capability.CDI_SESSION_SCOPE), "needs a CDI container");
        int destroyedBefore;
        try (McpTestClient probe = client(Era.LEGACY)) {
            destroyedBefore = Integer.parseInt(probe.tool("destroyed_sessions").param("arguments", obj()).call().text());
        }
        try (McpTestClient a = client(Era.LEGACY); McpTestClient b = client(Era.LEGACY)) {
            assertEquals("1", a.tool("session_counter").param("arguments", obj()).call().text());
            assertEquals("2", a.tool("session_counter").param("arguments", obj()).call().text());
            assertEquals("1", b.tool("session_counter").param("arguments", obj()).call().text(), "b has its own instance");
            assertEquals("3", a.tool("session_counter").param("arguments", obj()).call().text());
        }
        try (McpTestClient probe = client(Era.LEGACY)) {
            // destroyed when the server notices the close; polled, not slept on
            Awaitility.await("closing a connection destroys its @McpSessionScoped beans").atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(50)).until(() -> Integer.parseInt(probe.tool("destroyed_sessions")
                            .param("arguments", obj()).call().text()) >= destroyedBefore + 2);
            assertEquals(destroyedBefore + 2, Integer.parseInt(probe.tool("destroyed_sessions").param("arguments", obj())
                    .call().text()));
        }
    }
}
