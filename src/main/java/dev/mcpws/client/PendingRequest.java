package dev.mcpws.client;

import dev.mcpws.protocol.RequestId;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Function;

/** One request of the application (or of the client itself), across its input rounds and replays. */
final class PendingRequest<T> {

    final String method;
    final JsonObject params;
    final Function<JsonObject, T> mapper;
    final McpFuture<T> future = new McpFuture<>();
    /** {@code server/discover} or {@code initialize}: sent before the session is ready, never replayed. */
    final boolean handshake;
    /** {@code subscriptions/listen}: no answer expected until it ends, never replayed. */
    final boolean longLived;
    final String progressToken;
    /** Completed by {@code notifications/subscriptions/acknowledged} (listens only). */
    final CompletableFuture<Void> acknowledged = new CompletableFuture<>();
    /** The id of the current transmission; null while not in flight. */
    volatile RequestId id;
    /** {@code inputResponses} + {@code requestState} of the last input round, added to the params when re-sent. */
    volatile JsonObject round;
    /** The caller's trace context ({@link TracePropagation}), added to {@code _meta}; taken when the request starts. */
    volatile java.util.Map<String, String> trace = java.util.Map.of();
    volatile ScheduledFuture<?> timer;
    int rounds;

    private PendingRequest(String method, JsonObject params, Function<JsonObject, T> mapper, boolean handshake,
            boolean longLived, String progressToken) {
        this.method = method;
        this.params = params == null ? JsonValue.EMPTY_JSON_OBJECT : params;
        this.mapper = mapper;
        this.handshake = handshake;
        this.longLived = longLived;
        this.progressToken = progressToken;
    }

    static <T> PendingRequest<T> call(String method, JsonObject params, Function<JsonObject, T> mapper,
            String progressToken) {
        return new PendingRequest<>(method, params, mapper, false, false, progressToken);
    }

    static PendingRequest<JsonObject> handshake(String method, JsonObject params) {
        return new PendingRequest<>(method, params, x -> x, true, false, null);
    }

    static PendingRequest<JsonObject> listen(JsonObject params) {
        return new PendingRequest<>("subscriptions/listen", params, x -> x, false, true, null);
    }

    /** Handshakes and listens belong to one session: the next session makes its own. */
    boolean sessionBound() {
        return handshake || longLived;
    }
}
