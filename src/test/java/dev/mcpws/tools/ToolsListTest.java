package dev.mcpws.tools;

import static dev.mcpws.engine.EngineHarness.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcpws.engine.Cursors;
import dev.mcpws.engine.EngineHarness;
import dev.mcpws.engine.McpException;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** tools/list: order, pagination, cursors, and which Tool fields each protocol version gets. */
class ToolsListTest {

    private ToolsHarness t;

    @AfterEach
    void stop() {
        if (t != null) {
            t.close();
        }
    }

    private static List<String> names(JsonObject listResult) {
        return listResult.getJsonArray("tools").getValuesAs(JsonObject.class).stream()
                .map(o -> o.getString("name")).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-11-05", "2026-07-28"})
    void toolsAreListedByName(String version) {
        t = new ToolsHarness(version, TestTools.registry(new TestTools.Alphabet()));
        JsonObject result = t.list((String) null);
        assertEquals(List.of("alpha", "bravo", "charlie", "delta", "echo"), names(result));
        assertFalse(result.containsKey("nextCursor"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2025-11-25", "2026-07-28"})
    void pagesOfTwo(String version) {
        t = new ToolsHarness(version, TestTools.registry(new TestTools.Alphabet()), 2);
        JsonObject page1 = t.list((String) null);
        assertEquals(List.of("alpha", "bravo"), names(page1));
        String cursor1 = page1.getString("nextCursor");
        assertFalse(cursor1.contains("bravo"), "cursors are opaque");

        JsonObject page2 = t.list(cursor1);
        assertEquals(List.of("charlie", "delta"), names(page2));
        JsonObject page3 = t.list(page2.getString("nextCursor"));
        assertEquals(List.of("echo"), names(page3));
        assertFalse(page3.containsKey("nextCursor"));

        // the same cursor gives the same page again
        assertEquals(List.of("charlie", "delta"), names(t.list(cursor1)));
    }

    @Test
    void noEmptyLastPageWhenTheToolsFillTheLastPageExactly() {
        ToolRegistry registry = TestTools.registry(new TestTools.Alphabet());
        registry.remove("echo");
        t = new ToolsHarness("2025-11-25", registry, 2);
        JsonObject page2 = t.list(t.list((String) null).getString("nextCursor"));
        assertEquals(List.of("charlie", "delta"), names(page2));
        assertFalse(page2.containsKey("nextCursor"));
    }

    @Test
    void aCursorStaysValidWhenItsToolIsRemoved() {
        ToolRegistry registry = TestTools.registry(new TestTools.Alphabet());
        t = new ToolsHarness("2025-11-25", registry, 2);
        String cursor = t.list((String) null).getString("nextCursor");
        registry.remove("bravo");
        registry.remove("charlie");
        assertEquals(List.of("delta", "echo"), names(t.list(cursor)));
    }

    @Test
    void nullCursorIsTheFirstPage() {
        t = new ToolsHarness("2025-11-25", TestTools.registry(new TestTools.Alphabet()), 2);
        assertEquals(List.of("alpha", "bravo"), names(t.list(JsonValue.NULL)));
    }

    static Stream<Arguments> badCursors() {
        String otherBase64 = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("other:alpha".getBytes(StandardCharsets.UTF_8));
        return Stream.of(Arguments.of(Json.createValue("garbage!")), Arguments.of(Json.createValue("")),
                Arguments.of(Json.createValue(otherBase64)), Arguments.of(Json.createValue("bravo")),
                Arguments.of(Json.createValue(42)), Arguments.of(JsonValue.TRUE),
                Arguments.of(Json.createObjectBuilder().add("after", "bravo").build()),
                Arguments.of(Json.createArrayBuilder().build()));
    }

    @ParameterizedTest
    @MethodSource("badCursors")
    void invalidCursorIsInvalidParams(JsonValue cursor) {
        t = new ToolsHarness("2026-07-28", TestTools.registry(new TestTools.Alphabet()), 2);
        JsonObject error = t.list(cursor);
        assertEquals(json("{'code':-32602,'message':'Invalid cursor'}"), error);
    }

    @Test
    void cursorsRoundTrip() {
        assertEquals("bravo", Cursors.decode(Cursors.encode("bravo")));
        assertEquals("", Cursors.decode(Cursors.encode("")));
        assertEquals(null, Cursors.decode(null));
        assertEquals(-32602, org.junit.jupiter.api.Assertions.assertThrows(McpException.class,
                () -> Cursors.decode("%%%")).code());
    }

    // ------------------------------------------------------------------ fields per version

    private static final String GREET_INPUT = "{'type':'object','properties':{"
            + "'name':{'type':'string','description':'Who to greet'},"
            + "'times':{'type':'integer','minimum':-2147483648,'maximum':2147483647,'description':'How often','default':2},"
            + "'punctuation':{'type':'string'},"
            + "'color':{'type':'string','enum':['red','green','blue']}},"
            + "'required':['name'],'additionalProperties':false}";
    private static final String GREET_OUTPUT = "{'type':'object','description':'A sum','properties':{"
            + "'sum':{'type':'integer','minimum':-2147483648,'maximum':2147483647,'description':'The result'},"
            + "'terms':{'type':'array','items':{'type':'integer','minimum':-2147483648,'maximum':2147483647}}},"
            + "'required':['sum','terms'],'additionalProperties':false}";
    private static final String GREET_ANNOTATIONS = "{'title':'Greet','readOnlyHint':true,'destructiveHint':false,"
            + "'idempotentHint':true,'openWorldHint':false}";

    static Stream<Arguments> greetPerVersion() {
        String base = "{'name':'greet',";
        return Stream.of(
                Arguments.of("2024-11-05", base + "'description':'Greets someone.','inputSchema':" + GREET_INPUT + "}"),
                Arguments.of("2025-03-26", base + "'description':'Greets someone.','inputSchema':" + GREET_INPUT
                        + ",'annotations':" + GREET_ANNOTATIONS + "}"),
                Arguments.of("2025-06-18", base + "'title':'Greeter','description':'Greets someone.','inputSchema':"
                        + GREET_INPUT + ",'outputSchema':" + GREET_OUTPUT + ",'annotations':" + GREET_ANNOTATIONS + "}"),
                Arguments.of("2025-11-25", base + "'title':'Greeter','description':'Greets someone.','inputSchema':"
                        + GREET_INPUT + ",'outputSchema':" + GREET_OUTPUT + ",'annotations':" + GREET_ANNOTATIONS + "}"),
                Arguments.of("2026-07-28", base + "'title':'Greeter','description':'Greets someone.','inputSchema':"
                        + GREET_INPUT + ",'outputSchema':" + GREET_OUTPUT + ",'annotations':" + GREET_ANNOTATIONS + "}"));
    }

    @ParameterizedTest
    @MethodSource("greetPerVersion")
    void toolFieldsAreGatedByVersion(String version, String expectedTool) {
        t = new ToolsHarness(version, TestTools.registry(new TestTools.Greeter()));
        JsonArray tools = t.list((String) null).getJsonArray("tools");
        assertEquals(1, tools.size());
        // exact text: the helper parameters (Progress, Cancellation, RequestInfo) are not in the schema
        assertEquals(json(expectedTool), tools.get(0));
    }

    @Test
    void aToolWithoutMetadataHasOnlyNameAndInputSchema() {
        t = new ToolsHarness("2026-07-28", TestTools.registry(new TestTools.Alphabet()));
        assertEquals(json("{'name':'alpha','inputSchema':{'type':'object','properties':{},'additionalProperties':false}}"),
                t.list((String) null).getJsonArray("tools").get(0));
    }

    @Test
    void modernListIsCacheableAndComplete() {
        t = new ToolsHarness("2026-07-28", TestTools.registry(new TestTools.Alphabet()), 2);
        JsonObject result = t.list((String) null);
        assertEquals(30_000, result.getInt("ttlMs"));
        assertEquals("public", result.getString("cacheScope"));
        assertEquals("complete", result.getString("resultType"));
        assertEquals("test-server", result.getJsonObject("_meta")
                .getJsonObject(EngineHarness.SERVER_INFO_KEY).getString("name"));
        assertEquals(List.of("tools", "nextCursor", "ttlMs", "cacheScope", "resultType", "_meta"),
                List.copyOf(result.keySet()));
    }

    @Test
    void legacyListHasNoCacheFields() {
        t = new ToolsHarness("2025-11-25", TestTools.registry(new TestTools.Alphabet()), 2);
        assertEquals(List.of("tools", "nextCursor"), List.copyOf(t.list((String) null).keySet()));
    }

    @Test
    void capabilitiesPerEra() {
        t = new ToolsHarness("2026-07-28", TestTools.registry(new TestTools.Alphabet()));
        JsonObject discover = t.send("server/discover", t.params());
        assertEquals(json("{'tools':{}}"), discover.getJsonObject("capabilities"));
        t.close();
        for (String v : List.of("2024-11-05", "2025-11-25")) {
            try (EngineHarness h = new EngineHarness(List.of(new ToolsFeature(new ToolRegistry(), 10)))) {
                assertEquals(json("{'tools':{'listChanged':true}}"),
                        h.initialize(v).getJsonObject("result").getJsonObject("capabilities"));
            }
        }
        t = null;
    }

    @Test
    void pageSizeMustBePositive() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new ToolsFeature(new ToolRegistry(), 0));
    }

    @Test
    void renderingIsStablePerVersion() {
        ToolDefinition greet = TestTools.definitions(new TestTools.Greeter()).get(0);
        assertEquals(greet.toJson("2025-06-18"), greet.toJson("2025-11-25"));
        assertNotEquals(greet.toJson("2025-03-26"), greet.toJson("2025-06-18"));
        assertTrue(greet.idempotent());
        assertEquals(json(GREET_INPUT), greet.inputSchema());
        assertEquals(json(GREET_OUTPUT), greet.outputSchema());
        assertEquals(List.of("name", "times", "punctuation", "color"), greet.inputSchema().getJsonObject("properties")
                .keySet().stream().toList());
        assertEquals(List.of("name"), greet.inputSchema().getJsonArray("required").getValuesAs(JsonString::getString));
    }
}
