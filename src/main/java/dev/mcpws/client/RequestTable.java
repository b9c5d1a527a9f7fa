package dev.mcpws.client;

import dev.mcpws.protocol.Json2;
import dev.mcpws.protocol.JsonRpcMessage;
import dev.mcpws.protocol.JsonRpcNotification;
import dev.mcpws.protocol.JsonRpcRequest;
import dev.mcpws.protocol.RequestId;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The client's requests: ids, per-request timeouts, and completing or failing their futures.
 *
 * <p>A request is <em>waiting</em> (not sent: before the session is ready, or after a drop when it may be repeated)
 * or <em>in flight</em> (sent with a fresh id). When the socket drops, {@link #connectionLost} sends the in-flight
 * requests a predicate allows back to waiting and fails the others with {@link ConnectionLostException}; when the new
 * session is ready, {@link #markReady} hands out everything waiting for {@link #sendAll}. Handshake requests and
 * listens are never replayed: the new session makes its own.
 */
final class RequestTable {

    /** Where messages go: the socket. False when no socket is open (the message was not sent). */
    @FunctionalInterface
    interface Sink {
        boolean send(JsonRpcMessage message);
    }

    private final Sink sink;
    private final ScheduledExecutorService scheduler;
    private final Function<PendingRequest<?>, JsonObject> wire;
    private final Duration timeout;
    private volatile TracePropagation tracePropagation = TracePropagation.NONE;
    private final AtomicLong ids = new AtomicLong();
    private final AtomicLong tokens = new AtomicLong();
    private final Object lock = new Object();
    private final Map<RequestId, PendingRequest<?>> inFlight = new ConcurrentHashMap<>();
    private final Map<String, Consumer<ProgressUpdate>> progress = new ConcurrentHashMap<>();

    // guarded by lock
    private final List<PendingRequest<?>> waiting = new ArrayList<>();
    private boolean ready;
    private boolean closed;

    /**
     * @param wire    the params a request is sent with (its own, its input round, the era's {@code _meta})
     * @param timeout of the application's requests; zero for none
     */
    RequestTable(Sink sink, ScheduledExecutorService scheduler, Function<PendingRequest<?>, JsonObject> wire,
            Duration timeout) {
        this.sink = sink;
        this.scheduler = scheduler;
        this.wire = wire;
        this.timeout = timeout;
    }

    /** Where each request's trace context comes from (asked on the thread that starts the request). */
    void tracePropagation(TracePropagation propagation) {
        this.tracePropagation = propagation;
    }

    /** Sends a message that is not a request of the table (a notification, an answer to the server). */
    boolean send(JsonRpcMessage message) {
        return sink.send(message);
    }

    <T> McpFuture<T> request(String method, JsonObject params, Function<JsonObject, T> mapper,
            Consumer<ProgressUpdate> onProgress) {
        String token = onProgress == null ? null : "p" + tokens.incrementAndGet();
        PendingRequest<T> p = PendingRequest.call(method, params, mapper, token);
        if (token != null) {
            progress.put(token, onProgress);
        }
        start(p, timeout);
        return p.future;
    }

    McpFuture<JsonObject> request(String method, JsonObject params) {
        return request(method, params, x -> x, null);
    }

    /** Starts a request's clock ({@code timeout} null or zero: none) and sends it, or lets it wait for the session. */
    <T> void start(PendingRequest<T> p, Duration timeout) {
        try {
            p.trace = tracePropagation.current();
        } catch (RuntimeException | LinkageError e) {
            p.trace = java.util.Map.of(); // a broken propagation hook must not cost the request
        }
        p.future.onCancel(() -> abandon(p, "cancelled by the client"));
        if (timeout != null && !timeout.isZero()) {
            try {
                p.timer = scheduler.schedule(() -> timedOut(p, timeout), timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException closedAlready) {
                fail(p, closedError(p, false, null));
                return;
            }
        }
        dispatch(p);
    }

    /** Sends the request now when the session is ready (or it is a handshake), else lets it wait. */
    void dispatch(PendingRequest<?> p) {
        boolean isClosed;
        synchronized (lock) {
            isClosed = closed;
            if (!closed && !ready && !p.handshake) {
                waiting.add(p);
                return;
            }
        }
        if (isClosed) {
            fail(p, closedError(p, false, null));
        } else {
            transmit(p);
        }
    }

    private void transmit(PendingRequest<?> p) {
        if (p.future.isDone()) {
            return;
        }
        RequestId id = RequestId.of(ids.incrementAndGet());
        p.id = id;
        inFlight.put(id, p);
        if (!sink.send(new JsonRpcRequest(id, p.method, wire.apply(p)))) {
            inFlight.remove(id);
            p.id = null;
            if (p.sessionBound()) {
                fail(p, new ConnectionLostException(p.method, false, "connection lost before " + p.method, null));
                return;
            }
            synchronized (lock) {
                if (!closed) {
                    waiting.add(p); // not sent: send it on the next session
                    return;
                }
            }
            fail(p, closedError(p, false, null));
        }
    }

    private void timedOut(PendingRequest<?> p, Duration timeout) {
        if (p.future.isDone()) {
            return;
        }
        abandon(p, "timeout");
        fail(p, new RequestTimeoutException(p.method + " got no answer within " + timeout.toMillis() + " ms"));
    }

    /** Forgets a request; when it was sent, tells the server to stop (no answer will come). */
    private void abandon(PendingRequest<?> p, String reason) {
        RequestId id = p.id;
        if (id != null && inFlight.remove(id) != null) {
            sink.send(new JsonRpcNotification("notifications/cancelled",
                    Json2.object().add("requestId", Json2.idValue(id)).add("reason", reason).build()));
        }
        synchronized (lock) {
            waiting.remove(p);
        }
        cleanUp(p);
    }

    private void cleanUp(PendingRequest<?> p) {
        ScheduledFuture<?> t = p.timer;
        if (t != null) {
            t.cancel(false);
        }
        if (p.progressToken != null) {
            progress.remove(p.progressToken);
        }
    }

    <T> void complete(PendingRequest<T> p, JsonObject result) {
        cleanUp(p);
        try {
            p.future.complete(p.mapper.apply(result));
        } catch (RuntimeException e) {
            p.future.completeExceptionally(new McpClientException("Unexpected " + p.method + " result: " + e, e));
        }
    }

    void fail(PendingRequest<?> p, Throwable error) {
        cleanUp(p);
        p.future.completeExceptionally(error);
        p.acknowledged.completeExceptionally(error);
    }

    private static ConnectionLostException closedError(PendingRequest<?> p, boolean sent, Throwable cause) {
        return new ConnectionLostException(p.method, sent, "The MCP client is closed (" + p.method + ")", cause);
    }

    // ------------------------------------------------------------------ lookups

    /** The in-flight request an answer with {@code id} is for, no longer in flight; null when none. */
    PendingRequest<?> answered(RequestId id) {
        return id == null ? null : inFlight.remove(id);
    }

    /** The in-flight request with {@code id}, still in flight; null when none. */
    PendingRequest<?> inFlight(RequestId id) {
        return id == null ? null : inFlight.get(id);
    }

    /** Who wants the progress notifications with {@code token}; null when nobody (any more). */
    Consumer<ProgressUpdate> progress(String token) {
        return token == null ? null : progress.get(token);
    }

    // ------------------------------------------------------------------ the session

    boolean ready() {
        synchronized (lock) {
            return ready;
        }
    }

    /** The session is established: from now on requests go out at once; returns what waited, for {@link #sendAll}. */
    List<PendingRequest<?>> markReady() {
        synchronized (lock) {
            ready = true;
            List<PendingRequest<?>> flush = new ArrayList<>(waiting);
            waiting.clear();
            return flush;
        }
    }

    void sendAll(List<PendingRequest<?>> requests) {
        requests.forEach(this::transmit);
    }

    /**
     * The socket dropped: in-flight requests {@code mayReplay} allows wait for the next session; the others fail with
     * {@link ConnectionLostException} (outcome unknown). Handshakes and listens fail without replay.
     */
    void connectionLost(Predicate<PendingRequest<?>> mayReplay, int code, String reason) {
        List<PendingRequest<?>> lost = new ArrayList<>();
        List<PendingRequest<?>> silent = new ArrayList<>();
        synchronized (lock) {
            ready = false;
            for (PendingRequest<?> p : inFlight.values()) {
                p.id = null;
                if (p.sessionBound()) {
                    silent.add(p);
                } else if (mayReplay.test(p)) {
                    waiting.add(p);
                } else {
                    lost.add(p);
                }
            }
            inFlight.clear();
        }
        for (PendingRequest<?> p : lost) {
            fail(p, new ConnectionLostException(p.method, true, "The connection dropped while " + p.method
                    + " was in flight (" + code + " " + reason + "); its outcome is unknown", null));
        }
        for (PendingRequest<?> p : silent) {
            fail(p, new ConnectionLostException(p.method, true, "connection lost", null));
        }
    }

    /** Fails every request and refuses new ones; false when it was closed already. */
    boolean shutDown(Throwable cause) {
        List<PendingRequest<?>> all = new ArrayList<>();
        synchronized (lock) {
            if (closed) {
                return false;
            }
            closed = true;
            ready = false;
            all.addAll(waiting);
            waiting.clear();
            all.addAll(inFlight.values());
            inFlight.clear();
        }
        for (PendingRequest<?> p : all) {
            fail(p, closedError(p, p.id != null, cause));
        }
        return true;
    }

    // ------------------------------------------------------------------ lists

    /** Every page of a list method, following {@code nextCursor}. */
    <T> CompletableFuture<List<T>> listAll(String method, String key, Function<JsonObject, T> item) {
        return page(method, key, item, null, new ArrayList<>(), 0);
    }

    private <T> CompletableFuture<List<T>> page(String method, String key, Function<JsonObject, T> item, String cursor,
            List<T> acc, int pages) {
        JsonObject params = cursor == null ? JsonValue.EMPTY_JSON_OBJECT : Json2.object().add("cursor", cursor).build();
        return request(method, params).thenCompose(r -> {
            JsonValues.objects(r, key).forEach(o -> acc.add(item.apply(o)));
            String next = Json2.stringOrNull(r, "nextCursor");
            if (next == null || pages >= 10_000) {
                return CompletableFuture.completedFuture(acc);
            }
            return page(method, key, item, next, acc, pages + 1);
        });
    }
}
