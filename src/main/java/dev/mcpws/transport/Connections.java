package dev.mcpws.transport;

import dev.mcpws.api.McpConnectionClosed;
import dev.mcpws.api.McpConnectionOpened;
import dev.mcpws.cdi.McpServer;
import dev.mcpws.diagnostics.Messages;
import dev.mcpws.engine.McpConnection;
import dev.mcpws.engine.McpEngine;
import dev.mcpws.engine.McpSession;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

/**
 * The connections of both transports in one registry: the shared cap, the open/close events and metrics, the health
 * data, the periodic tasks liveness watches, and the graceful drain. A WebSocket is a connection from upgrade to close;
 * a legacy Streamable HTTP session is one from {@code initialize} to its end; a stateless (2026-07-28) HTTP request is
 * no connection (it is a request: {@link #openRequest}).
 */
@ApplicationScoped
public class Connections {

    private static final Logger LOG = Logger.getLogger(Connections.class.getName());

    @Inject
    McpServer server;

    @Inject
    TransportConfig config;

    @Inject
    Instance<TransportListener> listeners;

    @Inject
    Event<McpConnectionOpened> openedEvent;

    @Inject
    Event<McpConnectionClosed> closedEvent;

    private TransportSettings settings;
    private TransportListener listener;
    private final Map<McpConnection, Entry> open = new ConcurrentHashMap<>();
    private final AtomicInteger reserved = new AtomicInteger();
    private final Map<String, Tick> ticks = new ConcurrentHashMap<>();
    private final AtomicBoolean drained = new AtomicBoolean();
    private volatile boolean draining;
    /** Notified when the last connection is released while draining. */
    private final Object allReleased = new Object();

    private record Entry(McpSession session, long openedNanos) {
    }

    private record Tick(long periodMs, long lastNanos) {
    }

    @PostConstruct
    void start() {
        settings = config.settings();
        listener = TransportListener.of(listeners.stream().map(TransportListener::unproxiedTransportListener).toList());
    }

    /** Created when the application starts, with the application's configuration. */
    void onStartup(@Observes Startup startup) {
        settings();
    }

    public TransportSettings settings() {
        return settings;
    }

    public TransportListener listener() {
        return listener;
    }

    public McpEngine engine() {
        return server.engine();
    }

    // ------------------------------------------------------------------ the cap

    /** Why a new connection would be refused now ({@code draining}, {@code capacity}), or null when it is welcome. */
    public String refusal() {
        if (draining) {
            return "draining";
        }
        return reserved.get() >= settings.maxConnections() ? "capacity" : null;
    }

    /** Takes one connection slot; false (and counted as rejected) when the server is full or draining. */
    public boolean reserve() {
        String why = refusal();
        if (why == null) {
            if (reserved.incrementAndGet() <= settings.maxConnections()) {
                return true;
            }
            reserved.decrementAndGet();
            why = "capacity";
        }
        listener.rejected(why);
        return false;
    }

    /** Gives back a slot {@link #reserve} took for a connection that never opened. */
    public void unreserve() {
        reserved.decrementAndGet();
    }

    // ------------------------------------------------------------------ open and close

    /** A connection opened on a reserved slot: its engine session, counted, announced. */
    public McpSession open(McpConnection c, String subprotocol) {
        McpSession session = engine().open(c);
        open.put(c, new Entry(session, System.nanoTime()));
        observe(() -> {
            listener.opened(c.transport());
            openedEvent.fire(new McpConnectionOpened(c.id(), c.transport(), subprotocol, c.principal()));
        });
        return session;
    }

    /** The connection closed (either side): its work is cancelled, its slot freed, its close announced. Idempotent. */
    public void closed(McpConnection c, int code, String reason) {
        Entry e = open.remove(c);
        if (e == null) {
            return;
        }
        if (draining && open.isEmpty()) {
            synchronized (allReleased) {
                allReleased.notifyAll();
            }
        }
        engine().onClose(e.session());
        reserved.decrementAndGet();
        long lived = System.nanoTime() - e.openedNanos();
        McpSession.LegacyHandshake handshake = e.session().handshake();
        observe(() -> {
            listener.closed(c.transport(), code);
            listener.sessionEnded(c.transport(), handshake == null ? null : handshake.protocolVersion(), code, lived);
            closedEvent.fire(new McpConnectionClosed(c.id(), code, reason == null ? "" : reason,
                    TimeUnit.NANOSECONDS.toMillis(lived)));
        });
    }

    /**
     * Tells the metrics and the application's observers. Neither may break the bookkeeping of a connection: at
     * shutdown, for instance, the metric registry can no longer register a new series, and the drain must still close
     * every connection (an HTTP stream left open would hold the server's stop for its whole quiesce period).
     */
    private static void observe(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException | LinkageError | java.util.ServiceConfigurationError e) {
            // an observer (metrics, events) never breaks opening or closing a connection, e.g. a meter registered
            // while the application stops, when its archive may be gone already
            LOG.log(java.util.logging.Level.FINE, "A connection observer failed", e);
        }
    }

    /** The engine session of one stateless request (not a connection: not capped, counted or announced). */
    public McpSession openRequest(McpConnection request) {
        return engine().open(request);
    }

    public void closeRequest(McpSession session) {
        engine().onClose(session);
    }

    public boolean draining() {
        return draining;
    }

    // ------------------------------------------------------------------ health data

    public int active() {
        return open.size();
    }

    /**
     * The open connections counted in one pass, so the parts of one reading add up: {@code active} = the sum of
     * {@code byTransport} = {@code legacy} + {@code stateless} (separate counts, each taken at its own instant, need not
     * while connections open and close).
     *
     * @param byTransport open connections per transport name ({@code websocket}, {@code http}), only the transports
     *                    that have any
     * @param legacy      connections that completed the legacy handshake
     * @param stateless   connections that did not (2026-07-28 clients, or a handshake not finished yet)
     */
    public record Counts(int active, Map<String, Integer> byTransport, int legacy, int stateless) {
        /** The open connections of one transport. */
        public int of(String transport) {
            return byTransport.getOrDefault(transport, 0);
        }
    }

    public Counts counts() {
        Map<String, Integer> byTransport = new java.util.TreeMap<>();
        int active = 0;
        int legacy = 0;
        for (Map.Entry<McpConnection, Entry> e : open.entrySet()) {
            active++;
            byTransport.merge(e.getKey().transport(), 1, Integer::sum);
            if (e.getValue().session().handshake() != null) {
                legacy++;
            }
        }
        return new Counts(active, Map.copyOf(byTransport), legacy, active - legacy);
    }

    public int active(String transport) {
        int n = 0;
        for (McpConnection c : open.keySet()) {
            if (transport.equals(c.transport())) {
                n++;
            }
        }
        return n;
    }

    /** Open connections that completed the legacy handshake ({@code legacy}) or did not ({@code !legacy}). */
    public int byEra(boolean legacy) {
        int n = 0;
        for (Entry e : open.values()) {
            if ((e.session().handshake() != null) == legacy) {
                n++;
            }
        }
        return n;
    }

    /** A periodic task ran (the WebSocket heartbeat, the HTTP housekeeping); liveness watches that it keeps running. */
    public void ticked(String task, long periodMs) {
        ticks.put(task, new Tick(periodMs, System.nanoTime()));
    }

    /** Milliseconds since each periodic task last ran. */
    public Map<String, Long> millisSinceTicks() {
        Map<String, Long> out = new java.util.TreeMap<>();
        long now = System.nanoTime();
        ticks.forEach((k, t) -> out.put(k, TimeUnit.NANOSECONDS.toMillis(now - t.lastNanos())));
        return out;
    }

    /** The periodic tasks that missed two periods in a row (their scheduler is stuck). */
    public List<String> lateTasks() {
        List<String> late = new ArrayList<>();
        long now = System.nanoTime();
        ticks.forEach((k, t) -> {
            if (now - t.lastNanos() > TimeUnit.MILLISECONDS.toNanos(2 * t.periodMs() + 1000)) {
                late.add(k);
            }
        });
        return late;
    }

    // ------------------------------------------------------------------ drain

    /** The application stops: drain before any bean of it is destroyed. */
    void beforeShutdown(@Observes @BeforeDestroyed(ApplicationScoped.class) Object event) {
        drain();
    }

    @PreDestroy
    void stop() {
        drain();
    }

    /**
     * Graceful drain: refuse new connections and stateless requests (readiness turns DOWN), end every open
     * {@code subscriptions/listen} with its result, let in-flight requests finish for up to {@code mcp.drain.timeout-ms},
     * then close every connection with 1001. Runs once.
     */
    public void drain() {
        if (!drained.compareAndSet(false, true)) {
            return;
        }
        draining = true;
        int connections = open.size();
        McpEngine engine = server.engine();
        if (engine == null) {
            return;
        }
        server.endSubscriptions(); // listens end with their result, not with the connection
        // tasks outlive connections, not the server: each one this node runs is failed (-32004), none stays working
        engine.stopTasks();
        if (connections == 0 && engine.inFlightCount() == 0) {
            return;
        }
        Messages.DRAINING.log(LOG, null, connections, settings.drainTimeoutMs());
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(settings.drainTimeoutMs());
        while (engine.inFlightCount() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20); // polls a count that has no completion signal of its own; bounded by the deadline
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        int unfinished = engine.inFlightCount();
        for (McpConnection c : List.copyOf(open.keySet())) {
            observe(() -> c.close(1001, "server shutting down"));
        }
        awaitReleased(CLOSE_GRACE_MS);
        Messages.DRAIN_DONE.log(LOG, null, unfinished);
    }

    /**
     * How long the drain waits for its close handshakes (they run on threads of their own) before it returns: Liberty
     * closes whatever of the application's sockets is still open as soon as the drain returns ("Application shutting
     * down."), which could cut a last response still queued behind our close frame.
     */
    static final long CLOSE_GRACE_MS = 2_000;

    private void awaitReleased(long maxMs) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(maxMs);
        synchronized (allReleased) {
            long left;
            while (!open.isEmpty() && (left = deadline - System.nanoTime()) > 0) {
                try {
                    TimeUnit.NANOSECONDS.timedWait(allReleased, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
