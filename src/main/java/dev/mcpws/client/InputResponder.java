package dev.mcpws.client;

import dev.mcpws.protocol.ErrorCodes;
import dev.mcpws.protocol.Json2;
import dev.mcpws.protocol.JsonRpcError;
import dev.mcpws.protocol.JsonRpcRequest;
import dev.mcpws.protocol.JsonRpcResult;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Answers the server's questions with the application's handlers ({@code onElicitation}, {@code onSampling},
 * {@code roots}; {@code ping} by itself): in the legacy era as JSON-RPC requests of the server, in 2026-07-28 as the
 * {@code inputRequests} of an {@code input_required} result, after which the request is sent again with
 * {@code inputResponses} and the server's {@code requestState} (at most {@value #MAX_INPUT_ROUNDS} rounds).
 */
final class InputResponder {

    static final int MAX_INPUT_ROUNDS = 16;
    private static final Logger LOG = Logger.getLogger(McpClient.class.getName());

    private final ClientRequestHandler elicitation;
    private final ClientRequestHandler sampling;
    private final Supplier<List<Root>> roots;
    private final Executor callbacks;
    private final RequestTable table;

    InputResponder(McpClient.Builder cfg, Executor callbacks, RequestTable table) {
        this.elicitation = cfg.elicitation;
        this.sampling = cfg.sampling;
        this.roots = cfg.roots;
        this.callbacks = callbacks;
        this.table = table;
    }

    /** Legacy: a request of the server, answered with a result or a JSON-RPC error. */
    void serverRequest(JsonRpcRequest r) {
        answer(r.method(), r.params()).whenComplete((result, error) -> {
            if (error == null) {
                table.send(new JsonRpcResult(r.id(), result));
                return;
            }
            Throwable cause = Futures.unwrap(error);
            if (cause instanceof McpErrorException e) {
                table.send(new JsonRpcError(r.id(), e.code(), cause.getMessage()));
            } else {
                ClientMessage.HANDLER_FAILED.log(LOG, cause, r.method(), cause);
                table.send(new JsonRpcError(r.id(), ErrorCodes.INTERNAL_ERROR, "The client's handler failed"));
            }
        });
    }

    /** 2026-07-28 MRTR: answers every input request of {@code result}, then sends {@code p} again. */
    void inputRound(PendingRequest<?> p, JsonObject result) {
        if (++p.rounds > MAX_INPUT_ROUNDS) {
            table.fail(p, new McpClientException(p.method + " asked for input more than " + MAX_INPUT_ROUNDS + " times"));
            return;
        }
        Map<String, CompletableFuture<JsonObject>> answers = new LinkedHashMap<>();
        Json2.object(result, "inputRequests").forEach((key, v) -> {
            JsonObject req = v instanceof JsonObject o ? o : JsonValue.EMPTY_JSON_OBJECT;
            answers.put(key, answer(Json2.stringOrNull(req, "method"), Json2.object(req, "params")));
        });
        CompletableFuture.allOf(answers.values().toArray(CompletableFuture[]::new)).whenComplete((x, error) -> {
            if (error != null) {
                table.fail(p, Futures.unwrap(error));
                return;
            }
            JsonObjectBuilder responses = Json2.object();
            answers.forEach((k, f) -> responses.add(k, f.join()));
            JsonObjectBuilder round = Json2.object().add("inputResponses", responses);
            JsonValue state = result.get("requestState");
            if (state != null) {
                round.add("requestState", state);
            }
            p.round = round.build();
            table.dispatch(p);
        });
    }

    /** Answers one question of the server (both eras); fails with -32601 for what this client does not handle. */
    CompletableFuture<JsonObject> answer(String method, JsonObject params) {
        if ("ping".equals(method)) {
            return CompletableFuture.completedFuture(JsonValue.EMPTY_JSON_OBJECT);
        }
        if ("roots/list".equals(method) && roots != null) {
            return CompletableFuture.supplyAsync(this::rootList, callbacks);
        }
        ClientRequestHandler handler = "elicitation/create".equals(method) ? elicitation
                : "sampling/createMessage".equals(method) ? sampling : null;
        if (handler == null) {
            return CompletableFuture.failedFuture(new McpErrorException(ErrorCodes.METHOD_NOT_FOUND,
                    "This client does not handle " + method, null));
        }
        return CompletableFuture.supplyAsync(() -> handler.handle(params), callbacks)
                .thenCompose(Function.identity());
    }

    private JsonObject rootList() {
        JsonArrayBuilder list = Json2.array();
        for (Root root : roots.get()) {
            JsonObjectBuilder r = Json2.object().add("uri", root.uri());
            if (root.name() != null) {
                r.add("name", root.name());
            }
            list.add(r);
        }
        return Json2.object().add("roots", list).build();
    }
}
