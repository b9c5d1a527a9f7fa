package dev.mcpws.tools;

import static dev.mcpws.engine.EngineHarness.json;
import static dev.mcpws.tools.ToolsHarness.args;
import static dev.mcpws.tools.ToolsHarness.withoutEnvelope;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcpws.api.ToolException;
import dev.mcpws.api.ToolManager;
import dev.mcpws.engine.EngineHarness;
import jakarta.json.JsonObject;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The ToolManager: tools defined at runtime, replaced and removed, and the registry's change listener. */
class ProgrammaticToolsTest {

    private final ToolRegistry registry = new ToolRegistry();
    private final ProgrammaticTools manager = new ProgrammaticTools(registry);
    private final AtomicInteger changes = new AtomicInteger();
    private ToolsHarness t;

    {
        registry.onChange(changes::incrementAndGet);
    }

    @AfterEach
    void stop() {
        if (t != null) {
            t.close();
        }
    }

    private static Type optionalOf(Type arg) {
        return new ParameterizedType() {
            @Override
            public Type[] getActualTypeArguments() {
                return new Type[] {arg};
            }

            @Override
            public Type getRawType() {
                return Optional.class;
            }

            @Override
            public Type getOwnerType() {
                return null;
            }
        };
    }

    private void registerRepeat() {
        manager.newTool("repeat").title("Repeat").description("Repeats a word.")
                .annotations(true, false, true, false)
                .argument("word", String.class, "The word", true)
                .argument("times", Integer.class, "How often", false)
                .argument("sep", optionalOf(String.class), null, false)
                .handler(a -> {
                    Integer times = a.get("times");
                    Optional<String> sep = a.get("sep");
                    String word = a.get("word");
                    return String.join(sep.orElse(" "), java.util.Collections.nCopies(times == null ? 1 : times, word))
                            + " @" + a.request().protocolVersion() + " progress=" + a.progress().isRequested()
                            + " cancelled=" + a.cancellation().isCancelled();
                })
                .register();
    }

    @Test
    void aRegisteredToolIsListedAndCallable() {
        registerRepeat();
        assertEquals(1, changes.get());
        assertEquals(List.of("repeat"), manager.toolNames());
        t = new ToolsHarness("2026-07-28", registry);
        assertEquals(json("{'name':'repeat','title':'Repeat','description':'Repeats a word.','inputSchema':{'type':'object',"
                        + "'properties':{'word':{'type':'string','description':'The word'},"
                        + "'times':{'type':'integer','minimum':-2147483648,'maximum':2147483647,'description':'How often'},"
                        + "'sep':{'type':'string'}},'required':['word'],'additionalProperties':false},"
                        + "'annotations':{'readOnlyHint':true,'destructiveHint':false,'idempotentHint':true,'openWorldHint':false}}"),
                t.list((String) null).getJsonArray("tools").get(0));
        assertEquals(json("{'content':[{'type':'text','text':'hi-hi-hi @2026-07-28 progress=false cancelled=false'}]}"),
                withoutEnvelope(t.call("repeat", args().add("word", "hi").add("times", 3).add("sep", "-"))));
        assertEquals(json("{'content':[{'type':'text','text':'hi @2026-07-28 progress=false cancelled=false'}]}"),
                withoutEnvelope(t.call("repeat", args().add("word", "hi"))));
    }

    @Test
    void argumentsAreValidatedLikeAnnotatedTools() {
        registerRepeat();
        t = new ToolsHarness("2025-11-25", registry);
        JsonObject result = t.call("repeat", args().add("word", 5));
        assertEquals(json("{'content':[{'type':'text','text':'Invalid arguments: word: expected string, got number 5'}],"
                + "'isError':true}"), result);
        assertEquals("Invalid arguments: word: missing required argument",
                t.call("repeat", args()).getJsonArray("content").getJsonObject(0).getString("text"));
    }

    @Test
    void replacingAndRemovingNotifiesListenersAndChangesTheList() {
        registerRepeat();
        t = new ToolsHarness("2025-11-25", registry);
        manager.newTool("repeat").description("Replaced").handler(a -> "new").register();
        assertEquals(2, changes.get());
        assertEquals(json("{'content':[{'type':'text','text':'new'}]}"), t.call("repeat", args()));
        assertEquals("Replaced", t.list((String) null).getJsonArray("tools").getJsonObject(0).getString("description"));

        manager.newTool("another").handler(a -> {
            throw new ToolException("nope");
        }).register();
        assertEquals(List.of("another", "repeat"), manager.toolNames());
        assertEquals(json("{'content':[{'type':'text','text':'nope'}],'isError':true}"), t.call("another", args()));

        assertTrue(manager.removeTool("repeat"));
        assertEquals(4, changes.get());
        assertFalse(manager.removeTool("repeat"));
        assertEquals(4, changes.get(), "removing a missing tool is no change");
        assertEquals(List.of("another"), manager.toolNames());
        assertEquals(json("{'code':-32602,'message':'Unknown tool: repeat'}"), t.call("repeat", args()));
    }

    @Test
    void changesReachInitializedLegacySessionsThroughTheListener() {
        t = new ToolsHarness("2025-11-25", registry);
        registry.onChange(() -> t.h.engine.notifyLegacySessions("notifications/tools/list_changed",
                jakarta.json.JsonValue.EMPTY_JSON_OBJECT));
        manager.newTool("x").handler(a -> "x").register();
        assertEquals(EngineHarness.text("{'jsonrpc':'2.0','method':'notifications/tools/list_changed'}"),
                t.h.connection.next());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "has space", "slash/name", "caf\u00e9", "a:b"})
    void invalidNamesAreRejected(String name) {
        ToolManager.ToolBuilder b = manager.newTool(name).handler(a -> "x");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, b::register);
        assertEquals("Invalid tool name '" + name + "': use 1-128 characters of [A-Za-z0-9_.-]", e.getMessage());
        assertEquals(0, changes.get());
        assertEquals(List.of(), manager.toolNames());
    }

    @Test
    void nameLengthLimit() {
        manager.newTool("a".repeat(128)).handler(a -> "x").register();
        assertThrows(IllegalArgumentException.class, () -> manager.newTool("a".repeat(129)).handler(a -> "x").register());
        assertEquals(1, manager.toolNames().size());
    }

    @Test
    void otherInvalidDefinitions() {
        ToolManager.ToolBuilder b = manager.newTool("dup").argument("a", String.class, null, true);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> b.argument("a", Integer.class, null, true));
        assertEquals("Tool 'dup': argument 'a' declared twice", e.getMessage());
        assertThrows(NullPointerException.class, () -> manager.newTool("nohandler").register());
        assertThrows(IllegalArgumentException.class,
                () -> manager.newTool("bad").argument("x", java.util.concurrent.Future.class, null, true));
        assertEquals(List.of(), manager.toolNames());
    }

    @Test
    void duplicateAnnotatedToolsAreAnError() {
        registry.add(TestTools.definitions(new TestTools.Alphabet()).get(0));
        ToolDefinition again = registry.all().iterator().next();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> registry.add(again));
        assertEquals("Two tools are named '" + again.name() + "'", e.getMessage());
        assertEquals(1, changes.get());
    }
}
