package dev.mcpws.tools;

import static dev.mcpws.engine.EngineHarness.json;
import static dev.mcpws.engine.EngineHarness.text;
import static dev.mcpws.tools.ToolsHarness.args;
import static dev.mcpws.tools.ToolsHarness.withoutEnvelope;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcpws.engine.EngineHarness;
import dev.mcpws.engine.LogCapture;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** tools/call: argument binding and validation, helpers, failures, return values, cancellation. */
class ToolsCallTest {

    private ToolsHarness t;

    @AfterEach
    void stop() {
        if (t != null) {
            t.close();
        }
    }

    private ToolsHarness harness(String version, Object... tools) {
        t = new ToolsHarness(version, TestTools.registry(tools));
        return t;
    }

    private static String isErrorText(JsonObject result) {
        assertEquals(true, result.getBoolean("isError", false), () -> "not an error result: " + result);
        assertEquals(1, result.getJsonArray("content").size());
        JsonObject block = result.getJsonArray("content").getJsonObject(0);
        assertEquals("text", block.getString("type"));
        return block.getString("text");
    }

    // ------------------------------------------------------------------ arguments

    static Stream<Arguments> invalidArguments() {
        return Stream.of(
                Arguments.of(args().add("color", "red").add("tags", Json.createArrayBuilder()),
                        "Invalid arguments: count: missing required argument"),
                Arguments.of(args().add("count", "three").add("color", "red").add("tags", Json.createArrayBuilder()),
                        "Invalid arguments: count: expected integer, got string \"three\""),
                Arguments.of(args().add("count", 1.5).add("color", "red").add("tags", Json.createArrayBuilder()),
                        "Invalid arguments: count: expected integer, got number 1.5"),
                Arguments.of(args().add("count", 1).add("color", "purple").add("tags", Json.createArrayBuilder()),
                        "Invalid arguments: color: expected one of [red, green, blue], got string \"purple\""),
                Arguments.of(args().add("count", 1).add("color", "red").add("tags", Json.createArrayBuilder().add("a").add(2)),
                        "Invalid arguments: tags[1]: expected string, got number 2"),
                Arguments.of(args().addNull("count").add("color", "red").add("tags", Json.createArrayBuilder()),
                        "Invalid arguments: count: expected integer, got null"),
                Arguments.of(args().add("count", 1).add("color", "red").add("tags", Json.createArrayBuilder())
                        .add("extra", true), "Invalid arguments: extra: unknown argument"),
                Arguments.of(args().add("count", 1).add("color", "red").add("tags", Json.createArrayBuilder())
                        .add("ratio", "high"), "Invalid arguments: ratio: expected number, got string \"high\""));
    }

    @ParameterizedTest
    @MethodSource("invalidArguments")
    void invalidArgumentsAreToolErrorsWithReadableText(JsonObjectBuilder arguments, String message) {
        harness("2025-11-25", new TestTools.Args());
        assertEquals(message, isErrorText(t.call("typed", arguments)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-11-05", "2026-07-28"})
    void validArgumentsAreBound(String version) {
        harness(version, new TestTools.Args());
        JsonObject result = t.call("typed", args().add("count", 3).add("color", "green")
                .add("tags", Json.createArrayBuilder().add("a").add("b")).add("ratio", 0.5));
        assertEquals(json("{'content':[{'type':'text','text':'3 green [a, b] 0.5'}]}"), withoutEnvelope(result));
        // an optional argument given as null is absent
        result = t.call("typed", args().add("count", 3).add("color", "green")
                .add("tags", Json.createArrayBuilder()).addNull("ratio"));
        assertEquals(json("{'content':[{'type':'text','text':'3 green [] null'}]}"), withoutEnvelope(result));
    }

    /** Tools returning enums. */
    public static class EnumTools {
        public enum Mood { calm, @jakarta.json.bind.annotation.JsonbProperty("all-in") ALL_IN }

        @dev.mcpws.api.Tool(name = "mood")
        public Mood mood(boolean bold) {
            return bold ? Mood.ALL_IN : Mood.calm;
        }
    }

    @Test
    void enumResultsAreTheirJsonNames() {
        harness("2025-11-25", new EnumTools());
        assertEquals("all-in", t.call("mood", args().add("bold", true)).getJsonArray("content").getJsonObject(0).getString("text"));
        assertEquals("calm", t.call("mood", args().add("bold", false)).getJsonArray("content").getJsonObject(0).getString("text"));
    }

    @Test
    void defaultsAndOptionals() {
        harness("2025-11-25", new TestTools.Args());
        assertEquals("Optional.empty all false",
                t.call("optional", null).getJsonArray("content").getJsonObject(0).getString("text"));
        assertEquals("Optional.empty all false",
                t.call("optional", args()).getJsonArray("content").getJsonObject(0).getString("text"));
        assertEquals("Optional[5] some true", t.call("optional", args().add("limit", 5).add("q", "some").add("verbose", true))
                .getJsonArray("content").getJsonObject(0).getString("text"));
        assertEquals("Optional.empty all false", t.call("optional", args().addNull("limit").addNull("q"))
                .getJsonArray("content").getJsonObject(0).getString("text"));
        // the Java parameter name is not the argument name when @ToolArg renames it
        assertEquals("Invalid arguments: query: unknown argument", isErrorText(t.call("optional", args().add("query", "x"))));
    }

    @Test
    void helpersAreInjectedAndDefaultsApplied() throws InterruptedException {
        TestTools.Greeter greeter = new TestTools.Greeter();
        harness("2025-06-18", greeter);
        t.call("greet", args().add("name", "Ann"));
        assertEquals("Ann|2|Optional.empty|null|false|false|2025-06-18|conn-1",
                greeter.seen.poll(EngineHarness.TIMEOUT_MS, TimeUnit.MILLISECONDS));
        t.call("greet", args().add("name", "Bo").add("times", 3).add("punctuation", "!").add("color", "blue"));
        assertEquals("Bo|3|Optional[!]|blue|false|false|2025-06-18|conn-1",
                greeter.seen.poll(EngineHarness.TIMEOUT_MS, TimeUnit.MILLISECONDS));
    }

    @Test
    void helperNamesAreNotArguments() {
        harness("2025-06-18", new TestTools.Greeter());
        assertEquals("Invalid arguments: progress: unknown argument",
                isErrorText(t.call("greet", args().add("name", "x").add("progress", 1))));
    }

    @Test
    void progressReachesTheClientWithTheRequestToken() {
        harness("2026-07-28", new TestTools.Slow());
        JsonObjectBuilder params = Json.createObjectBuilder()
                .add("_meta", EngineHarness.modernMeta().add("progressToken", "p-1"))
                .add("name", "steps").add("arguments", args().add("n", 2));
        t.h.send(EngineHarness.request(1, "tools/call", params));
        assertEquals(List.of(
                text("{'jsonrpc':'2.0','method':'notifications/progress','params':{'progressToken':'p-1','progress':1.0,"
                        + "'total':2.0,'message':'step 1'}}"),
                text("{'jsonrpc':'2.0','method':'notifications/progress','params':{'progressToken':'p-1','progress':2.0,"
                        + "'total':2.0,'message':'step 2'}}")), t.h.connection.next(2));
        JsonObject response = t.h.connection.nextObject();
        assertEquals(1, response.getInt("id"));
        assertEquals("did 2", response.getJsonObject("result").getJsonArray("content").getJsonObject(0).getString("text"));
    }

    @Test
    void protocolErrorsOfTheCallItself() {
        harness("2025-11-25", new TestTools.Args());
        assertEquals(json("{'code':-32602,'message':'Unknown tool: nope'}"), t.call("nope", args()));
        assertEquals(json("{'code':-32602,'message':'tools/call needs params.name (a string)'}"),
                t.send("tools/call", Json.createObjectBuilder().add("arguments", args())));
        assertEquals(json("{'code':-32602,'message':'tools/call needs params.name (a string)'}"),
                t.send("tools/call", Json.createObjectBuilder().add("name", 7)));
        assertEquals(json("{'code':-32602,'message':'tools/call params.arguments must be an object'}"),
                t.send("tools/call", Json.createObjectBuilder().add("name", "typed").add("arguments", "count=1")));
        assertEquals(json("{'code':-32602,'message':'tools/call params.arguments must be an object'}"),
                t.send("tools/call", Json.createObjectBuilder().add("name", "typed").add("arguments", Json.createArrayBuilder())));
    }

    // ------------------------------------------------------------------ failures

    @ParameterizedTest
    @ValueSource(strings = {"2025-03-26", "2026-07-28"})
    void toolExceptionIsAToolError(String version) {
        harness(version, new TestTools.Failures());
        assertEquals(json("{'content':[{'type':'text','text':'out of stock'}],'isError':true}"),
                withoutEnvelope(t.call("business", args().add("why", "out of stock"))));
        assertEquals("Tool failed", isErrorText(t.call("nullMessage", args())));
        assertEquals("async business failure", isErrorText(t.call("laterBusiness", args())));
    }

    @ParameterizedTest
    @ValueSource(strings = {"boom", "laterBoom"})
    void unexpectedExceptionIsInternalErrorWithoutDetails(String tool) {
        harness("2025-11-25", new TestTools.Failures());
        try (LogCapture logs = new LogCapture()) {
            String response = t.exchange("tools/call", t.callParams(tool, args()));
            assertTrue(response.matches(text("\\{'jsonrpc':'2.0','id':\\d+,'error':\\{'code':-32603,"
                    + "'message':'Internal error while running tool " + tool + "'}}")), response);
            assertFalse(response.contains("p4ssw0rd"));
            List<String> logged = logs.messages(Level.SEVERE);
            assertEquals(1, logged.size());
            assertTrue(logged.get(0).startsWith("MCPWS0201E: tool '" + tool + "'"), logged.get(0));
            assertTrue(logged.get(0).endsWith(TestTools.Failures.SECRET), "the details are logged");
        }
    }

    /** Valid input on which a tool's arithmetic overflows is the tool's error for the model, not an internal error. */
    @Test
    void arithmeticOverflowOnValidInputIsAToolErrorAndNotLoggedAsAFailure() {
        harness("2025-11-25", new TestTools.Failures());
        try (LogCapture logs = new LogCapture()) {
            assertEquals("Arithmetic error: long overflow",
                    isErrorText(t.call("overflow", args().add("a", Long.MAX_VALUE).add("b", 2))));
            assertEquals("The result cannot be represented in JSON: Infinity cannot be written as JSON",
                    isErrorText(t.call("infiniteNumber", args().add("a", Double.MAX_VALUE).add("b", 10))));
            assertEquals("The result cannot be represented in JSON: Infinity cannot be written as JSON",
                    isErrorText(t.call("laterInfinite", args().add("a", Double.MAX_VALUE))));
            assertEquals(List.of(), logs.messages(Level.WARNING), "no failure is logged");
        }
    }

    @Test
    void mcpExceptionFromAToolIsAProtocolError() {
        harness("2026-07-28", new TestTools.Failures());
        assertEquals(json("{'code':-32602,'message':'Protocol trouble'}"), t.call("protocol", args()));
    }

    // ------------------------------------------------------------------ return values

    static Stream<Arguments> returnValues() {
        String link = "{'type':'resource_link','uri':'file:///a.txt','name':'a.txt','title':'A','description':'The file',"
                + "'mimeType':'text/plain','size':12}";
        String linkAsText = "{'type':'text','text':'Resource: file:///a.txt (a.txt)'}";
        String audio = "{'type':'audio','data':'aGk=','mimeType':'audio/wav'}";
        String many = "{'content':[{'type':'text','text':'one'},"
                + "{'type':'resource','resource':{'uri':'mem://x','mimeType':'text/plain','text':'inline'}},"
                + "{'type':'resource','resource':{'uri':'mem://y','blob':'aGk='}}]}";
        String sumText = "{'type':'text','text':'{\\'sum\\':3,\\'terms\\':[1,2]}'}";
        String namesText = "{'type':'text','text':'[\\'x\\',\\'y\\']'}";
        return Stream.of(
                Arguments.of("2024-11-05", "text", "{'content':[{'type':'text','text':'plain'}]}"),
                Arguments.of("2024-11-05", "image", "{'content':[{'type':'image','data':'aGk=','mimeType':'image/png'}]}"),
                Arguments.of("2024-11-05", "audio", "{'content':[{'type':'text','text':"
                        + "'[audio content of type audio/wav omitted: protocol 2024-11-05 has no audio]'}]}"),
                Arguments.of("2025-03-26", "audio", "{'content':[" + audio + "]}"),
                Arguments.of("2026-07-28", "audio", "{'content':[" + audio + "]}"),
                Arguments.of("2024-11-05", "link", "{'content':[" + linkAsText + "]}"),
                Arguments.of("2025-03-26", "link", "{'content':[" + linkAsText + "]}"),
                Arguments.of("2025-06-18", "link", "{'content':[" + link + "]}"),
                Arguments.of("2026-07-28", "link", "{'content':[" + link + "]}"),
                Arguments.of("2024-11-05", "many", many),
                Arguments.of("2026-07-28", "many", many),
                Arguments.of("2025-03-26", "result", "{'content':[{'type':'text','text':'see structured'}],'isError':true}"),
                Arguments.of("2025-06-18", "result", "{'structuredContent':{'k':'v'},"
                        + "'content':[{'type':'text','text':'see structured'}],'isError':true}"),
                Arguments.of("2025-03-26", "sum", "{'content':[" + sumText + "]}"),
                Arguments.of("2025-06-18", "sum", "{'structuredContent':{'sum':3,'terms':[1,2]},'content':[" + sumText + "]}"),
                Arguments.of("2025-11-25", "sum", "{'structuredContent':{'sum':3,'terms':[1,2]},'content':[" + sumText + "]}"),
                Arguments.of("2026-07-28", "sum", "{'structuredContent':{'sum':3,'terms':[1,2]},'content':[" + sumText + "]}"),
                Arguments.of("2025-11-25", "names", "{'content':[" + namesText + "]}"),
                Arguments.of("2026-07-28", "names", "{'structuredContent':['x','y'],'content':[" + namesText + "]}"),
                Arguments.of("2025-11-25", "count", "{'content':[{'type':'text','text':'42'}]}"),
                Arguments.of("2025-11-25", "nothing", "{'content':[]}"),
                Arguments.of("2025-11-25", "later", "{'content':[{'type':'text','text':'later now'}]}"),
                Arguments.of("2025-03-26", "laterSum", "{'content':[" + sumText + "]}"),
                Arguments.of("2026-07-28", "laterSum", "{'structuredContent':{'sum':3,'terms':[1,2]},'content':[" + sumText + "]}"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("returnValues")
    void returnValuesBecomeCallToolResults(String version, String tool, String expected) {
        harness(version, new TestTools.Returns());
        JsonObjectBuilder arguments = switch (tool) {
            case "sum" -> args().add("a", 1).add("b", 2);
            case "later" -> args().add("text", "now");
            default -> args();
        };
        JsonObject result = t.call(tool, arguments);
        assertEquals(json(expected), withoutEnvelope(result));
        if (t.modern) {
            assertEquals("complete", result.getString("resultType"));
        } else {
            assertFalse(result.containsKey("resultType"));
        }
    }

    @Test
    void structuredContentMatchesTheOutputSchemaFieldNames() {
        harness("2025-06-18", new TestTools.Returns());
        JsonObject tool = t.list((String) null).getJsonArray("tools").getValuesAs(JsonObject.class).stream()
                .filter(o -> o.getString("name").equals("sum")).findFirst().orElseThrow();
        JsonObject structured = t.call("sum", args().add("a", 2).add("b", 5)).getJsonObject("structuredContent");
        assertEquals(tool.getJsonObject("outputSchema").getJsonObject("properties").keySet(), structured.keySet());
        assertEquals(7, structured.getInt("sum"));
    }

    // ------------------------------------------------------------------ cancellation

    @ParameterizedTest
    @ValueSource(strings = {"2025-11-25", "2026-07-28"})
    void aCancelledToolIsInterruptedAndGetsNoResponse(String version) throws InterruptedException {
        TestTools.Slow slow = new TestTools.Slow();
        harness(version, slow);
        try (LogCapture logs = new LogCapture()) {
            t.h.send(EngineHarness.request("slow", "tools/call", t.callParams("waitForCancel", args())));
            assertTrue(slow.started.await(EngineHarness.TIMEOUT_MS, TimeUnit.MILLISECONDS));
            t.h.send(EngineHarness.cancel("slow"));
            assertEquals("interrupted, cancelled=true, reason=test cancel",
                    slow.observed.poll(EngineHarness.TIMEOUT_MS, TimeUnit.MILLISECONDS));
            t.h.awaitIdle();
            t.h.connection.assertNoUnread();
            assertEquals(List.of(), logs.messages(Level.WARNING), "a cancelled tool is not a failure");
        }
    }
}
