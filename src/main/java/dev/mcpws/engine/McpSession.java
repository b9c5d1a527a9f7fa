package dev.mcpws.engine;

import dev.mcpws.protocol.JsonRpcMessage;
import dev.mcpws.protocol.RequestId;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The engine's state for one connection: the legacy handshake (when the client used one), the requests in flight,
 * and an attribute store that the CDI {@code @McpSessionScoped} context keeps its bean instances in.
 * A modern (2026-07-28) request never reads the handshake state: it carries everything in its own {@code _meta}.
 */
public final class McpSession {

    private final McpConnection connection;
    private final Map<RequestId, InFlight> inFlight = new ConcurrentHashMap<>();
    private final Map<Object, Object> attributes = new ConcurrentHashMap<>();
    private final List<Runnable> closeListeners = new CopyOnWriteArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final ClientRequests clientRequests = new ClientRequests(this);
    private volatile WorkShare workShare;

    /** Set once by a successful {@code initialize}; null while the connection has no legacy handshake. */
    private volatile LegacyHandshake handshake;
    private volatile boolean initializedNotified;

    McpSession(McpConnection connection) {
        this.connection = connection;
    }

    /** The negotiated legacy state of a connection. */
    public record LegacyHandshake(String protocolVersion, JsonObject clientCapabilities, JsonObject clientInfo) {
    }

    /** This connection's share of the worker pool (made at its first request, with the engine's limit). */
    WorkShare workShare(int limit) {
        WorkShare s = workShare;
        if (s == null) {
            synchronized (this) {
                s = workShare;
                if (s == null) {
                    s = new WorkShare(limit);
                    workShare = s;
                }
            }
        }
        return s;
    }

    public String id() {
        return connection.id();
    }

    public McpConnection connection() {
        return connection;
    }

    public LegacyHandshake handshake() {
        return handshake;
    }

    void handshake(LegacyHandshake handshake) {
        this.handshake = handshake;
    }

    public boolean initializedNotified() {
        return initializedNotified;
    }

    void markInitializedNotified() {
        this.initializedNotified = true;
    }

    /** Sends a message that belongs to no request, unless the session is closed. */
    public void send(JsonRpcMessage message) {
        if (!closed.get()) {
            connection.send(message);
        }
    }

    public boolean isClosed() {
        return closed.get();
    }

    /** Attribute store for per-connection state (the CDI session scope keeps its instances here). */
    public Map<Object, Object> attributes() {
        return attributes;
    }

    /** Runs {@code listener} when the session closes (immediately if it already has). */
    public void onClose(Runnable listener) {
        closeListeners.add(listener);
        if (closed.get() && closeListeners.remove(listener)) {
            listener.run();
        }
    }

    Map<RequestId, InFlight> inFlight() {
        return inFlight;
    }

    /** The server-to-client requests of this connection (legacy era) and its cached roots. */
    public ClientRequests clientRequests() {
        return clientRequests;
    }

    /** Requests whose answer is being queued: they left the id map, not yet the count a drain waits for. */
    private final java.util.concurrent.atomic.AtomicInteger answering = new java.util.concurrent.atomic.AtomicInteger();

    void answering(int delta) {
        answering.addAndGet(delta);
    }

    /** Requests in flight (their answer not yet queued), long-lived ones ({@code subscriptions/listen}) excepted. */
    public int inFlightCount() {
        int n = answering.get();
        for (InFlight f : inFlight.values()) {
            if (!f.longLived) {
                n++;
            }
        }
        return n;
    }

    /** Marks the session closed, cancels its work and runs the close listeners. Idempotent. */
    void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        for (InFlight f : inFlight.values()) {
            f.cancel("connection closed");
        }
        inFlight.clear();
        clientRequests.closeAll();
        // whoever removes a listener runs it (here or in onClose), so one registered while the session closes
        // runs exactly once: neither lost to a clear() nor run by both threads
        for (Runnable r : closeListeners) {
            if (!closeListeners.remove(r)) {
                continue;
            }
            try {
                r.run();
            } catch (RuntimeException e) {
                dev.mcpws.diagnostics.Messages.SESSION_CLOSE_LISTENER_FAILED.log(java.util.logging.Logger.getLogger(McpSession.class.getName()), e);
            }
        }
    }
}
