package dev.mcpws.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcpws.protocol.ErrorCodes;
import dev.mcpws.protocol.Json2;
import dev.mcpws.protocol.JsonRpcError;
import dev.mcpws.protocol.JsonRpcRequest;
import dev.mcpws.protocol.JsonRpcResult;
import dev.mcpws.protocol.RequestId;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The server's questions: legacy requests of the server, and 2026-07-28 input_required rounds. */
class InputResponderTest {

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final ExecutorService callbacks = Executors.newCachedThreadPool();
    private final WireRecorder wire = new WireRecorder();
    private final RequestTable table = new RequestTable(wire, scheduler, p -> {
        var b = Json2.object(p.params);
        if (p.round != null) {
            p.round.forEach(b::add);
        }
        return b.build();
    }, Duration.ZERO);

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
        callbacks.shutdownNow();
    }

    private InputResponder responder(McpClient.Builder cfg) {
        return new InputResponder(cfg, callbacks, table);
    }

    private static JsonObject inputRequired(String key, String method, String state) {
        return Json.createObjectBuilder().add("resultType", "input_required")
                .add("inputRequests", Json.createObjectBuilder().add(key, Json.createObjectBuilder()
                        .add("method", method).add("params", Json.createObjectBuilder().add("message", "name?"))))
                .add("requestState", state).build();
    }

    @Test
    void anInputRoundIsAnsweredAndTheRequestSentAgainWithTheState() throws Exception {
        InputResponder r = responder(McpClient.builder("ws://h/mcp").onElicitation(params ->
                CompletableFuture.completedFuture(Json2.object().add("action", "accept")
                        .add("content", Json2.object().add("name", params.getString("message") + "!")).build())));
        table.markReady();
        McpFuture<JsonObject> call = table.request("tools/call", Json2.object().add("name", "greet").build());
        JsonRpcRequest first = wire.nextRequest();

        r.inputRound(table.answered(first.id()), inputRequired("who", "elicitation/create", "state-1"));
        JsonRpcRequest second = wire.nextRequest();
        assertEquals("tools/call", second.method());
        assertEquals("greet", second.params().getString("name"));
        assertEquals("state-1", second.params().getString("requestState"));
        assertEquals("name?!", second.params().getJsonObject("inputResponses").getJsonObject("who")
                .getJsonObject("content").getString("name"));

        table.complete(table.answered(second.id()), Json2.object().add("ok", true).build());
        assertEquals(JsonValue.TRUE, call.get(5, TimeUnit.SECONDS).get("ok"));
    }

    @Test
    void aServerThatNeverStopsAskingIsCutOffAfterSixteenRounds() throws Exception {
        InputResponder r = responder(McpClient.builder("ws://h/mcp"));
        table.markReady();
        McpFuture<JsonObject> call = table.request("tools/call", Json2.object().add("name", "loop").build());
        for (int round = 0; round < InputResponder.MAX_INPUT_ROUNDS; round++) {
            JsonRpcRequest sent = wire.nextRequest();
            r.inputRound(table.answered(sent.id()), inputRequired("p", "ping", "s" + round));
        }
        JsonRpcRequest last = wire.nextRequest();
        r.inputRound(table.answered(last.id()), inputRequired("p", "ping", "again"));
        McpClientException e = assertInstanceOf(McpClientException.class,
                assertThrows(ExecutionException.class, () -> call.get(5, TimeUnit.SECONDS)).getCause());
        assertTrue(e.getMessage().contains("more than 16 times"), e.getMessage());
    }

    @Test
    void legacyRequestsOfTheServerAreAnsweredOrRefused() throws Exception {
        InputResponder r = responder(McpClient.builder("ws://h/mcp")
                .roots(() -> List.of(new Root("file:///w", "work")))
                .onSampling(params -> CompletableFuture.failedFuture(new IllegalStateException("model down"))));
        r.serverRequest(new JsonRpcRequest(RequestId.of(1), "roots/list", JsonValue.EMPTY_JSON_OBJECT));
        JsonRpcResult roots = (JsonRpcResult) wire.next();
        assertEquals(RequestId.of(1), roots.id());
        assertEquals("work", roots.result().getJsonArray("roots").getJsonObject(0).getString("name"));

        r.serverRequest(new JsonRpcRequest(RequestId.of(2), "elicitation/create", JsonValue.EMPTY_JSON_OBJECT));
        JsonRpcError unknown = (JsonRpcError) wire.next();
        assertEquals(ErrorCodes.METHOD_NOT_FOUND, unknown.code(), "no elicitation handler");

        r.serverRequest(new JsonRpcRequest(RequestId.of("s3"), "sampling/createMessage", JsonValue.EMPTY_JSON_OBJECT));
        JsonRpcError failed = (JsonRpcError) wire.next();
        assertEquals(RequestId.of("s3"), failed.id());
        assertEquals(ErrorCodes.INTERNAL_ERROR, failed.code());
        assertEquals("The client's handler failed", failed.message(), "the handler's own message stays home");
    }
}
