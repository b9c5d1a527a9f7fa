package dev.mcpws.transport.http;

import dev.mcpws.engine.McpConnection;
import dev.mcpws.engine.McpSession;
import dev.mcpws.protocol.JsonRpcBatch;
import dev.mcpws.protocol.JsonRpcMessage;
import dev.mcpws.protocol.JsonRpcResponse;
import dev.mcpws.protocol.RequestId;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * What the engine sees of HTTP clients: one per legacy session ({@code Mcp-Session-Id}), or one per stateless
 * request. It routes the engine's output: a response to the exchange of its request, a notification of a request to
 * that request's exchange, anything else (list changes, ...) to a standalone GET stream of the session, if one is open.
 * A server request of a request whose client accepts only JSON goes to the GET stream too (the only way to reach it).
 */
final class HttpConnection implements McpConnection {

    private static final Logger LOG = Logger.getLogger(HttpConnection.class.getName());
    private static final AtomicLong IDS = new AtomicLong();

    private final String id = "http-" + IDS.incrementAndGet();
    private final String sessionId;
    private final Principal principal;
    private final Consumer<HttpConnection> closer;
    private final Map<RequestId, Exchange> requests = new ConcurrentHashMap<>();
    private final List<Exchange> streams = new CopyOnWriteArrayList<>();
    private volatile Exchange batch;
    private volatile McpSession session;
    private volatile long lastUsedNanos = System.nanoTime();
    private final long openedNanos = System.nanoTime();

    /**
     * @param sessionId the {@code Mcp-Session-Id}, or null for a stateless request
     * @param closer    runs when the engine closes the connection
     */
    HttpConnection(String sessionId, Principal principal, Consumer<HttpConnection> closer) {
        this.sessionId = sessionId;
        this.principal = principal;
        this.closer = closer;
    }

    void session(McpSession session) {
        this.session = session;
    }

    McpSession session() {
        return session;
    }

    String sessionId() {
        return sessionId;
    }

    long openedNanos() {
        return openedNanos;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Principal principal() {
        return principal;
    }

    /** Registers the exchange waiting for request {@code rid}; false when that id is already in flight here. */
    boolean await(RequestId rid, Exchange exchange) {
        touch();
        if (requests.putIfAbsent(rid, exchange) != null) {
            return false;
        }
        exchange.onDone(() -> requests.remove(rid, exchange));
        return true;
    }

    /** Registers the exchange waiting for the response array of a batch (one batch at a time per session). */
    boolean awaitBatch(Exchange exchange) {
        touch();
        synchronized (this) {
            if (batch != null && !batch.isDone()) {
                return false;
            }
            batch = exchange;
        }
        return true;
    }

    void addStream(Exchange stream) {
        touch();
        streams.add(stream);
        stream.onDone(() -> streams.remove(stream));
    }

    void touch() {
        lastUsedNanos = System.nanoTime();
    }

    /** True when nothing uses the session: no request waiting, no stream open, and idle for {@code nanos}. */
    boolean idleFor(long nanos) {
        return requests.isEmpty() && streams.isEmpty() && (batch == null || batch.isDone())
                && System.nanoTime() - lastUsedNanos > nanos;
    }

    @Override
    public void send(JsonRpcMessage message) {
        if (message instanceof JsonRpcResponse r && r.id() != null) {
            Exchange e = requests.remove(r.id());
            if (e != null) {
                e.respond(message);
                return;
            }
        }
        if (message instanceof JsonRpcBatch || (message instanceof JsonRpcResponse r2 && r2.id() == null)) {
            Exchange b = batch;
            if (b != null) {
                batch = null;
                b.respond(message);
                return;
            }
        }
        if (message instanceof JsonRpcResponse) {
            LOG.fine(() -> "Dropping a response nobody waits for on " + id);
            return;
        }
        toStream(message);
    }

    @Override
    public void send(JsonRpcMessage message, RequestId relatedTo) {
        Exchange e = relatedTo == null ? null : requests.get(relatedTo);
        if (e != null && (e.canStream() || !(message instanceof dev.mcpws.protocol.JsonRpcRequest))) {
            e.notify(message);
        } else {
            send(message);
        }
    }

    @Override
    public void skipped(RequestId rid) {
        Exchange e = requests.remove(rid);
        if (e != null) {
            e.skipped();
        }
    }

    private void toStream(JsonRpcMessage message) {
        for (Exchange s : streams) {
            if (!s.isDone()) {
                s.notify(message);
                return;
            }
        }
        LOG.fine(() -> "No open stream on " + id + " for a server-initiated message; dropped");
    }

    /** Keep-alive comments on every open SSE body of this connection. */
    void keepAlive() {
        for (Exchange s : streams) {
            s.keepAlive();
        }
        for (Exchange e : requests.values()) {
            e.keepAlive();
        }
    }

    int openStreams() {
        return streams.size();
    }

    @Override
    public void close(int code, String reason) {
        closer.accept(this);
    }

    /** Ends every exchange of this connection (the session is gone): waiting POSTs get {@code status}. */
    void endAll(int status) {
        for (Exchange e : requests.values()) {
            e.close(status);
        }
        requests.clear();
        Exchange b = batch;
        if (b != null) {
            b.close(status);
        }
        for (Exchange s : streams) {
            s.close(status);
        }
        streams.clear();
    }
}
