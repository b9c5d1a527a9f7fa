package dev.mcpws.engine;

import dev.mcpws.api.Cancellation;
import dev.mcpws.api.ClientRequestException;
import dev.mcpws.api.Roots;
import dev.mcpws.protocol.Json2;
import dev.mcpws.protocol.JsonRpcError;
import dev.mcpws.protocol.JsonRpcNotification;
import dev.mcpws.protocol.JsonRpcRequest;
import dev.mcpws.protocol.JsonRpcResponse;
import dev.mcpws.protocol.JsonRpcResult;
import dev.mcpws.protocol.RequestId;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The server-to-client requests of one legacy connection: allocates their ids ({@code "s-1"}, {@code "s-2"}, …),
 * correlates the client's responses, and keeps the connection's cached roots.
 */
public final class ClientRequests {

    /** How often a waiting worker looks at its request's cancellation (besides being interrupted). */
    private static final long POLL_MS = 100;

    private final McpSession session;
    private final AtomicLong ids = new AtomicLong();
    private final Map<RequestId, CompletableFuture<JsonRpcResponse>> pending = new ConcurrentHashMap<>();
    private volatile List<Roots.Root> roots;
    private final AtomicLong rootsGeneration = new AtomicLong();

    ClientRequests(McpSession session) {
        this.session = session;
    }

    /**
     * Sends {@code method} to the client and blocks until it answers. On timeout, or when {@code origin} is cancelled,
     * sends {@code notifications/cancelled} for it and stops waiting. Both go through {@code via}, the channel of the
     * request being served (null: the connection), so a transport that routes by request (Streamable HTTP: that
     * request's SSE response) delivers them where the client is listening.
     *
     * @throws ClientRequestException               the client answered with an error, timed out, or disconnected
     * @throws Cancellation.CancelledException the request that asked was cancelled
     */
    public JsonObject call(String method, JsonObject params, long timeoutMs, Cancellation origin, RequestChannel via) {
        origin.throwIfCancelled();
        RequestId id = RequestId.of("s-" + ids.incrementAndGet());
        CompletableFuture<JsonRpcResponse> answer = new CompletableFuture<>();
        pending.put(id, answer);
        if (session.isClosed()) {
            pending.remove(id);
            throw closed(method);
        }
        send(new JsonRpcRequest(id, method, params), via);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        JsonRpcResponse response;
        try {
            while (true) {
                if (origin.isCancelled()) {
                    abandon(id, "The request that asked was cancelled", via);
                    throw new Cancellation.CancelledException(origin.reason());
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    abandon(id, "Timed out", via);
                    throw new ClientRequestException(ClientRequestException.TIMEOUT,
                            "The client did not answer " + method + " within " + timeoutMs + " ms");
                }
                try {
                    response = answer.get(Math.min(left, TimeUnit.MILLISECONDS.toNanos(POLL_MS)), TimeUnit.NANOSECONDS);
                    break;
                } catch (TimeoutException e) {
                    // look at the cancellation again
                }
            }
        } catch (InterruptedException e) {
            abandon(id, "The request that asked was cancelled", via);
            Thread.currentThread().interrupt();
            throw new Cancellation.CancelledException(origin.reason());
        } catch (ExecutionException e) {
            throw e.getCause() instanceof ClientRequestException c ? c : closed(method);
        } finally {
            pending.remove(id);
        }
        if (response instanceof JsonRpcError err) {
            throw new ClientRequestException(err.code(), "The client refused " + method + ": " + err.message());
        }
        return ((JsonRpcResult) response).result();
    }

    private void abandon(RequestId id, String reason, RequestChannel via) {
        if (pending.remove(id) != null) {
            send(new JsonRpcNotification("notifications/cancelled",
                    Json2.object().add("requestId", Json2.idValue(id)).add("reason", reason).build()), via);
        }
    }

    private void send(dev.mcpws.protocol.JsonRpcMessage message, RequestChannel via) {
        if (via == null) {
            session.send(message);
        } else if (!session.isClosed()) {
            via.notify(message);
        }
    }

    /** Hands a client response to the request waiting for it; false when none waits (unknown, late or abandoned). */
    boolean complete(JsonRpcResponse response) {
        CompletableFuture<JsonRpcResponse> f = response.id() == null ? null : pending.remove(response.id());
        return f != null && f.complete(response);
    }

    /** Requests waiting for an answer. */
    public int pendingCount() {
        return pending.size();
    }

    /** The connection closed: every waiting request fails. */
    void closeAll() {
        for (RequestId id : pending.keySet()) {
            CompletableFuture<JsonRpcResponse> f = pending.remove(id);
            if (f != null) {
                f.completeExceptionally(new ClientRequestException(ClientRequestException.CLOSED,
                        "The connection closed before the client answered"));
            }
        }
    }

    private static ClientRequestException closed(String method) {
        return new ClientRequestException(ClientRequestException.CLOSED,
                "The connection closed before the client answered " + method);
    }

    /** The cached roots, or null. */
    List<Roots.Root> cachedRoots() {
        return roots;
    }

    /** Counts list_changed notifications: a list fetched before one must not be cached after it. */
    long rootsGeneration() {
        return rootsGeneration.get();
    }

    synchronized void cacheRoots(List<Roots.Root> list, long generation) {
        if (rootsGeneration.get() == generation) {
            this.roots = list;
        }
    }

    /** {@code notifications/roots/list_changed}: forget the cached roots. */
    synchronized void invalidateRoots() {
        rootsGeneration.incrementAndGet();
        this.roots = null;
    }
}
