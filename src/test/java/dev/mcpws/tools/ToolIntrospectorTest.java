package dev.mcpws.tools;

import static dev.mcpws.engine.EngineHarness.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcpws.api.Cancellation;
import dev.mcpws.api.Content;
import dev.mcpws.api.Description;
import dev.mcpws.api.Progress;
import dev.mcpws.api.RequestInfo;
import dev.mcpws.api.Tool;
import dev.mcpws.api.ToolArg;
import dev.mcpws.api.ToolResult;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Reading @Tool methods into ToolDefinitions, and the definition errors found at deploy time. */
class ToolIntrospectorTest {

    private static ToolDefinition define(Class<?> type, String method) {
        Method m = TestTools.method(type, method);
        return ToolIntrospector.fromMethod(m, args -> m.invoke(null, args));
    }

    private static String defineError(Class<?> type, String method) {
        return assertThrows(IllegalArgumentException.class, () -> define(type, method)).getMessage();
    }

    static final class Defs {
        public static String notATool() { return ""; }

        @Tool public static String plain(String text, Progress p, Cancellation c, RequestInfo r) { return text; }

        @Tool(name = "described")
        public static String described(@Description("From @Description") String a,
                                       @ToolArg(description = "From @ToolArg") @Description("ignored") String b) {
            return a + b;
        }

        @Tool public static String primitives(@ToolArg(required = false) int n, @ToolArg(required = false) boolean flag,
                                              @ToolArg(defaultValue = "1.5") double d) {
            return "";
        }

        record Out(String v) { }

        @Tool public static Out record() { return new Out("x"); }
        @Tool public static CompletionStage<Out> stageOfRecord() { return null; }
        @Tool public static Map<String, Integer> map() { return Map.of(); }
        @Tool public static String string() { return ""; }
        @Tool public static void nothing() { }
        @Tool public static int number() { return 1; }
        @Tool public static List<Content> contents() { return List.of(); }
        @Tool public static Content content() { return null; }
        @Tool public static ToolResult result() { return null; }
        @Tool public static CompletionStage<String> stageOfString() { return null; }
        @Tool public static Object object() { return null; }

        @Tool(annotations = @Tool.Annotations(destructiveHint = false)) public static String hinted() { return ""; }
    }

    static final class Broken {
        @Tool(name = "bad name") public static String badName() { return ""; }
        @Tool(name = "") public static String emptyNameUsesMethodName() { return ""; }
        @Tool public static String badDefault(@ToolArg(defaultValue = "abc") int n) { return ""; }
        @Tool public static String defaultOfWrongType(@ToolArg(defaultValue = "\"ten\"") int n) { return ""; }
        @Tool public static String unsupportedType(Future<String> f) { return ""; }
        @Tool public static String sameName(@ToolArg(name = "x") String a, @ToolArg(name = "x") String b) { return ""; }
    }

    @Test
    void aMethodWithoutToolIsRejected() {
        assertTrue(defineError(Defs.class, "notATool").endsWith("is not annotated with @Tool"));
    }

    @Test
    void helperParametersAreNotArguments() {
        ToolDefinition d = define(Defs.class, "plain");
        assertEquals("plain", d.name(), "the name defaults to the method name");
        assertEquals(json("{'type':'object','properties':{'text':{'type':'string'}},'required':['text'],"
                + "'additionalProperties':false}"), d.inputSchema());
        assertEquals(List.of(ToolParam.Kind.PROGRESS, ToolParam.Kind.CANCELLATION, ToolParam.Kind.REQUEST_INFO),
                d.params().stream().filter(p -> p instanceof ToolParam.Helper).map(p -> ((ToolParam.Helper) p).kind()).toList());
        assertEquals(json("{'name':'plain','inputSchema':{'type':'object','properties':{'text':{'type':'string'}},"
                + "'required':['text'],'additionalProperties':false}}"), d.toJson("2026-07-28"));
    }

    @Test
    void descriptionsComeFromToolArgThenDescription() {
        assertEquals(json("{'type':'object','properties':{'a':{'type':'string','description':'From @Description'},"
                        + "'b':{'type':'string','description':'From @ToolArg'}},'required':['a','b'],'additionalProperties':false}"),
                define(Defs.class, "described").inputSchema());
    }

    @Test
    void optionalPrimitivesDefaultToZero() {
        assertEquals(json("{'type':'object','properties':{"
                        + "'n':{'type':'integer','minimum':-2147483648,'maximum':2147483647,'default':0},"
                        + "'flag':{'type':'boolean','default':false},"
                        + "'d':{'type':'number','default':1.5}},'additionalProperties':false}"),
                define(Defs.class, "primitives").inputSchema());
    }

    @ParameterizedTest
    @ValueSource(strings = {"record", "stageOfRecord", "map"})
    void structuredReturnTypesHaveAnOutputSchema(String method) {
        ToolDefinition d = define(Defs.class, method);
        assertEquals("object", d.outputSchema().getString("type"));
        assertTrue(d.toJson("2025-06-18").containsKey("outputSchema"));
        assertFalse(d.toJson("2025-03-26").containsKey("outputSchema"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"string", "nothing", "number", "contents", "content", "result", "stageOfString", "object"})
    void contentReturnTypesHaveNoOutputSchema(String method) {
        ToolDefinition d = define(Defs.class, method);
        assertNull(d.output());
        assertNull(d.outputSchema());
        assertFalse(d.toJson("2026-07-28").containsKey("outputSchema"));
    }

    @Test
    void annotationsOnlyWhenDeclared() {
        assertFalse(define(Defs.class, "plain").toJson("2025-11-25").containsKey("annotations"));
        assertFalse(define(Defs.class, "plain").idempotent());
        assertEquals(json("{'readOnlyHint':false,'destructiveHint':false,'idempotentHint':false,'openWorldHint':true}"),
                define(Defs.class, "hinted").toJson("2025-11-25").getJsonObject("annotations"));
    }

    @Test
    void invalidToolNameIsRejectedSayingWhere() {
        assertEquals("Tool 'bad name' (dev.mcpws.tools.ToolIntrospectorTest$Broken.badName): "
                + "Invalid tool name 'bad name': use 1-128 characters of [A-Za-z0-9_.-]", defineError(Broken.class, "badName"));
        assertEquals("emptyNameUsesMethodName", define(Broken.class, "emptyNameUsesMethodName").name());
    }

    @Test
    void badDefaultsAreRejected() {
        String e = defineError(Broken.class, "badDefault");
        assertTrue(e.startsWith("Tool 'badDefault' (dev.mcpws.tools.ToolIntrospectorTest$Broken.badDefault): "
                + "argument 'n': default value abc is not valid JSON of its type"), e);
        e = defineError(Broken.class, "defaultOfWrongType");
        assertTrue(e.contains("argument 'n': default value \"ten\" is not valid JSON of its type"), e);
    }

    @Test
    void unsupportedArgumentTypesAreRejected() {
        String e = defineError(Broken.class, "unsupportedType");
        assertTrue(e.startsWith("Tool 'unsupportedType' (dev.mcpws.tools.ToolIntrospectorTest$Broken.unsupportedType): "
                + "argument 'f': "), e);
    }

    @Test
    void twoArgumentsWithOneNameAreRejected() {
        String e = defineError(Broken.class, "sameName");
        assertTrue(e.startsWith("Tool 'sameName' (dev.mcpws.tools.ToolIntrospectorTest$Broken.sameName): "), e);
    }

    @Test
    void theInvokerGetsArgumentsInDeclarationOrder() throws Throwable {
        ToolDefinition d = define(Defs.class, "described");
        assertEquals("xy", d.invoker().invoke(new Object[] {"x", "y"}));
    }
}
