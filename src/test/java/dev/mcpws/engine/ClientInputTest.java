package dev.mcpws.engine;

import static dev.mcpws.engine.EngineHarness.cancel;
import static dev.mcpws.engine.EngineHarness.notification;
import static dev.mcpws.engine.EngineHarness.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcpws.api.ClientRequestException;
import dev.mcpws.api.ElicitResult;
import dev.mcpws.api.Roots;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Input from the client through the engine: legacy server-to-client requests and their correlation; 2026-07-28 MRTR. */
class ClientInputTest {

    private static final JsonObject SCHEMA = Json.createObjectBuilder().add("type", "object")
            .add("properties", Json.createObjectBuilder().add("name", Json.createObjectBuilder().add("type", "string")))
            .build();

    private final AtomicInteger rootsFetched = new AtomicInteger();
    private final AtomicInteger runs = new AtomicInteger();

    /** tools/call with name ask | two | sample | roots; completion/complete tries to elicit (not allowed in MRTR). */
    private final ServerFeature feature = new ServerFeature() {
        @Override
        public List<MethodSpec> methods() {
            return List.of(MethodSpec.of("tools/call", ClientInputTest.this::call).takingInput(),
                    MethodSpec.of("completion/complete", ctx -> {
                        ctx.elicitation().form("no", SCHEMA);
                        return CompletableFuture.completedFuture(JsonValue.EMPTY_JSON_OBJECT);
                    }));
        }

        @Override
        public void capabilities(JsonObjectBuilder capabilities, String protocolVersion) {
        }
    };

    private CompletionStage<JsonObject> call(RequestContext ctx) {
        runs.incrementAndGet();
        JsonObjectBuilder r = Json.createObjectBuilder();
        try {
            switch (ctx.params().getString("name")) {
                case "ask" -> {
                    ElicitResult e = ctx.elicitation().form("Your name?", SCHEMA);
                    r.add("action", e.action().name()).add("name", String.valueOf(e.string("name")));
                }
                case "two" -> r.add("first", ctx.elicitation().form("First?", SCHEMA).string("name"))
                        .add("second", ctx.elicitation().form("Second?", SCHEMA).string("name"));
                case "keyed" -> r.add("name", ctx.elicitation().form("user_name", "Your name?", SCHEMA).string("name"));
                case "batch" -> {
                    var name = ctx.elicitation().formLater("user_name", "Your name?", SCHEMA);
                    var greeting = ctx.sampling().askLater("greeting", "A greeting?", 20);
                    var roots = ctx.roots().listLater(null);
                    r.add("text", greeting.get().text() + " " + name.get().string("name") + " " + roots.get().size()
                            + " then " + ctx.elicitation().form("Another?", SCHEMA).string("name"));
                }
                case "sample" -> r.add("text", ctx.sampling().ask("Capital of France?", 50).text());
                case "roots" -> {
                    JsonArrayBuilder a = Json.createArrayBuilder();
                    ctx.roots().list().stream().map(Roots.Root::uri).forEach(a::add);
                    r.add("roots", a);
                }
                default -> throw new IllegalArgumentException();
            }
        } catch (ClientRequestException e) {
            r.add("clientError", e.code()).add("message", e.getMessage());
        }
        return CompletableFuture.completedFuture(r.build());
    }

    private EngineHarness h = new EngineHarness(List.of(feature));

    @AfterEach
    void stop() {
        h.close();
    }

    private void initialize(JsonObjectBuilder caps) {
        h.call(request(0, "initialize", Json.createObjectBuilder().add("protocolVersion", "2025-11-25")
                .add("capabilities", caps).add("clientInfo", Json.createObjectBuilder().add("name", "c").add("version", "1"))));
        h.send(notification("notifications/initialized", null));
    }

    private static JsonObjectBuilder tool(String name) {
        return Json.createObjectBuilder().add("name", name);
    }

    private void respond(JsonValue id, JsonObjectBuilder result) {
        h.send(Json.createObjectBuilder().add("jsonrpc", "2.0").add("id", id).add("result", result).build());
    }

    private static JsonObjectBuilder accept(String name) {
        return Json.createObjectBuilder().add("action", "accept").add("content", Json.createObjectBuilder().add("name", name));
    }

    // ------------------------------------------------------------------ legacy

    @Test
    void legacyElicitationIsARealRequestCorrelatedById() {
        initialize(Json.createObjectBuilder().add("elicitation", Json.createObjectBuilder()));
        h.send(request(7, "tools/call", tool("ask")));
        JsonObject asked = h.connection.nextObject();
        assertEquals("elicitation/create", asked.getString("method"));
        assertEquals("s-1", asked.getString("id"));
        assertEquals("form", asked.getJsonObject("params").getString("mode"));
        assertEquals(SCHEMA, asked.getJsonObject("params").getJsonObject("requestedSchema"));
        // sent as part of request 7: Streamable HTTP puts it on that request's SSE response, where the client listens
        assertTrue(h.connection.related.contains("7 elicitation/create"), h.connection.related::toString);

        // a response nobody waits for is dropped; the right one completes the call
        respond(Json.createValue("s-99"), accept("nobody"));
        respond(asked.get("id"), accept("Ada"));
        JsonObject response = h.connection.nextObject();
        assertEquals(7, response.getInt("id"));
        assertEquals("Ada", response.getJsonObject("result").getString("name"));
        assertEquals(0, h.session.clientRequests().pendingCount());
    }

    @Test
    void legacyErrorAnswerReachesTheCode() {
        initialize(Json.createObjectBuilder().add("sampling", Json.createObjectBuilder()));
        h.send(request(1, "tools/call", tool("sample")));
        JsonObject asked = h.connection.nextObject();
        assertEquals("sampling/createMessage", asked.getString("method"));
        assertEquals(50, asked.getJsonObject("params").getInt("maxTokens"));
        h.send(Json.createObjectBuilder().add("jsonrpc", "2.0").add("id", asked.get("id"))
                .add("error", Json.createObjectBuilder().add("code", -1).add("message", "User rejected sampling")).build());
        JsonObject result = h.connection.nextObject().getJsonObject("result");
        assertEquals(-1, result.getInt("clientError"));
        assertTrue(result.getString("message").contains("User rejected sampling"), result.toString());
    }

    @Test
    void legacyTimeoutCancelsTheServerRequest() {
        h.close();
        h = new EngineHarness(List.of(feature), EngineSettings.DEFAULTS,
                b -> b.inputSettings(new InputSettings(200, new RequestStates(RequestStates.randomKey(), 60_000))));
        initialize(Json.createObjectBuilder().add("elicitation", Json.createObjectBuilder()));
        h.send(request(3, "tools/call", tool("ask")));
        JsonObject asked = h.connection.nextObject();
        JsonObject cancelled = h.connection.nextObject();
        assertEquals("notifications/cancelled", cancelled.getString("method"));
        assertEquals(asked.getString("id"), cancelled.getJsonObject("params").getString("requestId"));
        JsonObject result = h.connection.nextObject().getJsonObject("result");
        assertEquals(ClientRequestException.TIMEOUT, result.getInt("clientError"));
        respond(asked.get("id"), accept("late")); // too late: ignored
        h.connection.assertNoUnread();
    }

    @Test
    void cancellingTheOriginCancelsTheServerRequestAndAnswersNothing() throws InterruptedException {
        initialize(Json.createObjectBuilder().add("elicitation", Json.createObjectBuilder()));
        h.send(request(4, "tools/call", tool("ask")));
        JsonObject asked = h.connection.nextObject();
        h.send(cancel(4));
        JsonObject cancelled = h.connection.nextObject();
        assertEquals("notifications/cancelled", cancelled.getString("method"));
        assertEquals(asked.getString("id"), cancelled.getJsonObject("params").getString("requestId"));
        h.awaitIdle();
        h.connection.assertNoUnread();
        assertEquals(0, h.session.clientRequests().pendingCount());
    }

    @Test
    void closingTheConnectionReleasesTheWaitingWorker() {
        initialize(Json.createObjectBuilder().add("elicitation", Json.createObjectBuilder()));
        h.send(request(5, "tools/call", tool("ask")));
        h.connection.nextObject();
        h.engine.onClose(h.session);
        h.awaitIdle();
        assertEquals(0, h.session.clientRequests().pendingCount());
    }

    @Test
    void legacyRootsAreCachedUntilListChanged() throws InterruptedException {
        List<String> changed = new java.util.concurrent.CopyOnWriteArrayList<>();
        h.close();
        h = new EngineHarness(List.of(feature), EngineSettings.DEFAULTS, b -> b.onRootsChanged(s -> changed.add(s.id())));
        initialize(Json.createObjectBuilder().add("roots", Json.createObjectBuilder().add("listChanged", true)));
        h.send(request(1, "tools/call", tool("roots")));
        JsonObject asked = h.connection.nextObject();
        assertEquals("roots/list", asked.getString("method"));
        respond(asked.get("id"), Json.createObjectBuilder().add("roots", Json.createArrayBuilder()
                .add(Json.createObjectBuilder().add("uri", "file:///a").add("name", "A"))));
        assertEquals("[\"file:///a\"]", h.connection.nextObject().getJsonObject("result").getJsonArray("roots").toString());

        h.send(request(2, "tools/call", tool("roots"))); // served from the cache: no roots/list
        assertEquals(2, h.connection.nextObject().getInt("id"));

        h.send(notification("notifications/roots/list_changed", null));
        assertEquals(List.of("conn-1"), changed);
        h.send(request(3, "tools/call", tool("roots")));
        JsonObject again = h.connection.nextObject();
        assertEquals("roots/list", again.getString("method"));
        assertEquals("s-2", again.getString("id"));
        respond(again.get("id"), Json.createObjectBuilder().add("roots", Json.createArrayBuilder()
                .add(Json.createObjectBuilder().add("uri", "file:///b"))));
        assertEquals("[\"file:///b\"]", h.connection.nextObject().getJsonObject("result").getJsonArray("roots").toString());
    }

    @Test
    void legacyUndeclaredCapabilityFailsWithoutAsking() {
        initialize(Json.createObjectBuilder().add("roots", Json.createObjectBuilder()));
        h.send(request(1, "tools/call", tool("sample")));
        JsonObject response = h.connection.nextObject();
        JsonObject error = response.getJsonObject("error");
        assertEquals(-32602, error.getInt("code"));
        assertTrue(error.getString("message").contains("sampling"), error.toString());
        assertTrue(error.getJsonObject("data").getJsonObject("requiredCapabilities").containsKey("sampling"));
    }

    // ------------------------------------------------------------------ 2026-07-28 (MRTR)

    private static JsonObjectBuilder modern(String name, JsonObjectBuilder caps) {
        return tool(name).add("_meta", Json.createObjectBuilder()
                .add(EngineHarness.PROTOCOL_VERSION_KEY, "2026-07-28")
                .add(EngineHarness.CLIENT_CAPABILITIES_KEY, caps));
    }

    private static JsonObjectBuilder elicitCaps() {
        return Json.createObjectBuilder().add("elicitation", Json.createObjectBuilder().add("form", Json.createObjectBuilder()));
    }

    @Test
    void modernRoundsReRunTheMethodWithTheAnswersSoFar() {
        JsonObject first = h.call(request(1, "tools/call", modern("two", elicitCaps()))).getJsonObject("result");
        assertEquals("input_required", first.getString("resultType"));
        JsonObject req = first.getJsonObject("inputRequests").getJsonObject("elicit-1");
        assertEquals("elicitation/create", req.getString("method"));
        assertEquals("First?", req.getJsonObject("params").getString("message"));
        assertTrue(first.getJsonObject("_meta").containsKey(EngineHarness.SERVER_INFO_KEY));

        JsonObject second = h.call(request(2, "tools/call", modern("two", elicitCaps())
                .add("inputResponses", Json.createObjectBuilder().add("elicit-1", accept("A")))
                .add("requestState", first.getString("requestState")))).getJsonObject("result");
        assertEquals("input_required", second.getString("resultType"));
        assertEquals(List.of("elicit-2"), List.copyOf(second.getJsonObject("inputRequests").keySet()));

        // the second state carries elicit-1: the client answers only elicit-2
        JsonObject done = h.call(request(3, "tools/call", modern("two", elicitCaps())
                .add("inputResponses", Json.createObjectBuilder().add("elicit-2", accept("B")))
                .add("requestState", second.getString("requestState")))).getJsonObject("result");
        assertEquals("complete", done.getString("resultType"));
        assertEquals("A", done.getString("first"));
        assertEquals("B", done.getString("second"));
        assertEquals(3, runs.get());
    }

    @Test
    void aChosenKeyNamesTheQuestionAndItsAnswer() {
        JsonObject first = h.call(request(1, "tools/call", modern("keyed", elicitCaps()))).getJsonObject("result");
        assertEquals(List.of("user_name"), List.copyOf(first.getJsonObject("inputRequests").keySet()));
        JsonObject done = h.call(request(2, "tools/call", modern("keyed", elicitCaps())
                .add("inputResponses", Json.createObjectBuilder().add("user_name", accept("Alice"))
                        .add("unknown_extra_key", accept("ignored")))
                .add("requestState", first.getString("requestState")))).getJsonObject("result");
        assertEquals("complete", done.getString("resultType"));
        assertEquals("Alice", done.getString("name"));
    }

    @Test
    void laterQuestionsAreAskedTogetherInOneRound() {
        java.util.function.Supplier<JsonObjectBuilder> caps = () -> elicitCaps().add("sampling", Json.createObjectBuilder())
                .add("roots", Json.createObjectBuilder());
        JsonObject first = h.call(request(1, "tools/call", modern("batch", caps.get()))).getJsonObject("result");
        JsonObject asked = first.getJsonObject("inputRequests");
        assertEquals(List.of("user_name", "greeting", "roots-1"), List.copyOf(asked.keySet()));
        assertEquals("sampling/createMessage", asked.getJsonObject("greeting").getString("method"));
        assertEquals("roots/list", asked.getJsonObject("roots-1").getString("method"));

        JsonObject secondResponse = h.call(request(2, "tools/call", modern("batch", caps.get())
                .add("inputResponses", Json.createObjectBuilder().add("user_name", accept("Ada"))
                        .add("greeting", Json.createObjectBuilder().add("role", "assistant")
                                .add("content", Json.createObjectBuilder().add("type", "text").add("text", "Hi")))
                        .add("roots-1", Json.createObjectBuilder().add("roots", Json.createArrayBuilder()
                                .add(Json.createObjectBuilder().add("uri", "file:///a")))))
                .add("requestState", first.getString("requestState"))));
        assertEquals(null, secondResponse.get("error"), secondResponse.toString());
        JsonObject second = secondResponse.getJsonObject("result");
        // the later question that follows is a round of its own
        assertEquals(List.of("elicit-1"), List.copyOf(second.getJsonObject("inputRequests").keySet()));
        JsonObject done = h.call(request(3, "tools/call", modern("batch", caps.get())
                .add("inputResponses", Json.createObjectBuilder().add("elicit-1", accept("Bo")))
                .add("requestState", second.getString("requestState")))).getJsonObject("result");
        assertEquals("Hi Ada 1 then Bo", done.getString("text"));
    }

    @Test
    void modernAnswersOnlyCountWithTheirState() {
        // inputResponses without requestState are ignored: asked again
        JsonObject r = h.call(request(1, "tools/call", modern("ask", elicitCaps())
                .add("inputResponses", Json.createObjectBuilder().add("elicit-1", accept("forged"))))).getJsonObject("result");
        assertEquals("input_required", r.getString("resultType"));
        // a missing answer asks again rather than failing
        JsonObject again = h.call(request(2, "tools/call", modern("ask", elicitCaps())
                .add("requestState", r.getString("requestState")))).getJsonObject("result");
        assertEquals("input_required", again.getString("resultType"));
    }

    @Test
    void modernStateOfAnotherRequestIsRefused() {
        JsonObject r = h.call(request(1, "tools/call", modern("ask", elicitCaps()))).getJsonObject("result");
        JsonObject error = h.call(request(2, "tools/call", modern("two", elicitCaps())
                .add("inputResponses", Json.createObjectBuilder().add("elicit-1", accept("x")))
                .add("requestState", r.getString("requestState")))).getJsonObject("error");
        assertEquals(-32602, error.getInt("code"));
        assertEquals("request", error.getJsonObject("data").getString("reason"));
        assertEquals(1, runs.get(), "the method must not run on a refused state");
    }

    @Test
    void modernBadAnswerIsInvalidParams() {
        JsonObject r = h.call(request(1, "tools/call", modern("ask", elicitCaps()))).getJsonObject("result");
        JsonObject error = h.call(request(2, "tools/call", modern("ask", elicitCaps())
                .add("inputResponses", Json.createObjectBuilder().add("elicit-1",
                        Json.createObjectBuilder().add("action", "maybe")))
                .add("requestState", r.getString("requestState")))).getJsonObject("error");
        assertEquals(-32602, error.getInt("code"));
        assertTrue(error.getString("message").contains("action"), error.toString());
    }

    @Test
    void modernUndeclaredCapabilityIs32021() {
        JsonObject error = h.call(request(1, "tools/call", modern("roots", elicitCaps()))).getJsonObject("error");
        assertEquals(-32021, error.getInt("code"));
        assertEquals(Json.createObjectBuilder().add("roots", Json.createObjectBuilder()).build(),
                error.getJsonObject("data").getJsonObject("requiredCapabilities"));
    }

    @Test
    void modernInputOutsideTheThreeMethodsIsAnError() {
        JsonObject response = h.call(request(1, "completion/complete", Json.createObjectBuilder()
                .add("_meta", Json.createObjectBuilder().add(EngineHarness.PROTOCOL_VERSION_KEY, "2026-07-28")
                        .add(EngineHarness.CLIENT_CAPABILITIES_KEY, elicitCaps()))));
        assertEquals(-32603, response.getJsonObject("error").getInt("code"));
        assertFalse(response.toString().contains("input_required"));
    }

    @Test
    void legacyClientsNeverSeeInputRequired() throws InterruptedException {
        initialize(Json.createObjectBuilder().add("elicitation", Json.createObjectBuilder()));
        h.send(request(1, "tools/call", tool("ask")));
        assertEquals("elicitation/create", h.connection.nextObject().getString("method"));
        // the call waits for the client, it does not end
        Thread.sleep(Duration.ofMillis(100).toMillis());
        h.connection.assertNoUnread();
    }
}
