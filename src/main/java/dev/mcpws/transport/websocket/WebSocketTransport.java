package dev.mcpws.transport.websocket;

import dev.mcpws.api.McpCaller;
import dev.mcpws.api.McpConnectionClosed;
import dev.mcpws.api.McpConnectionOpened;
import dev.mcpws.cdi.McpServer;
import dev.mcpws.engine.McpEngine;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The WebSocket side of the server: the open sockets, the connection cap, the heartbeat (one task on the container's
 * {@code ManagedScheduledExecutorService} that pings every socket) and the graceful drain at shutdown.
 */
@ApplicationScoped
public class WebSocketTransport {

    private static final Logger LOG = Logger.getLogger(WebSocketTransport.class.getName());

    @Inject
    McpServer server;

    @Inject
    Instance<TransportListener> listeners;

    @Inject
    Event<McpConnectionOpened> openedEvent;

    @Inject
    Event<McpConnectionClosed> closedEvent;

    @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
    ManagedScheduledExecutorService scheduler;

    @Inject
    @ConfigProperty(name = "mcp.websocket.max-message-bytes", defaultValue = "4194304")
    int maxMessageBytes;

    @Inject
    @ConfigProperty(name = "mcp.websocket.idle-timeout-ms", defaultValue = "0")
    long idleTimeoutMs;

    @Inject
    @ConfigProperty(name = "mcp.limits.max-connections", defaultValue = "10000")
    int maxConnections;

    @Inject
    @ConfigProperty(name = "mcp.websocket.max-queued-messages", defaultValue = "1000")
    int maxQueuedMessages;

    @Inject
    @ConfigProperty(name = "mcp.heartbeat.interval-ms", defaultValue = "25000")
    long heartbeatIntervalMs;

    @Inject
    @ConfigProperty(name = "mcp.heartbeat.max-missed", defaultValue = "2")
    int heartbeatMaxMissed;

    @Inject
    @ConfigProperty(name = "mcp.drain.timeout-ms", defaultValue = "10000")
    long drainTimeoutMs;

    @Inject
    @ConfigProperty(name = "mcp.limits.retry-after-seconds", defaultValue = "5")
    int retryAfterSeconds;

    private TransportSettings settings;
    private TransportListener listener;
    private final Set<WebSocketConnection> connections = ConcurrentHashMap.newKeySet();
    private final AtomicInteger reserved = new AtomicInteger();
    private volatile boolean draining;
    private volatile long lastHeartbeatNanos = System.nanoTime();
    private ScheduledFuture<?> heartbeat;

    /**
     * The running transport of this application (one per class loader, i.e. per deployment), for the codec instances
     * the container creates: Liberty makes a new {@code Decoder} per message and calls its {@code init}, and a CDI
     * lookup there was per-message work (about 7 % of the server's CPU samples under load). Null before the start.
     */
    private static volatile WebSocketTransport running;

    /** The running transport, without a CDI lookup once it started. */
    static WebSocketTransport current() {
        WebSocketTransport t = running;
        return t != null ? t : jakarta.enterprise.inject.spi.CDI.current().select(WebSocketTransport.class).get();
    }

    @PostConstruct
    void start() {
        settings = new TransportSettings(maxMessageBytes, idleTimeoutMs, maxConnections, maxQueuedMessages,
                heartbeatIntervalMs, heartbeatMaxMissed, drainTimeoutMs, retryAfterSeconds);
        List<TransportListener> all = listeners.stream().toList();
        listener = all.isEmpty() ? new TransportListener() { } : new FanOut(all);
        if (settings.heartbeatIntervalMs() > 0) {
            heartbeat = scheduler.scheduleAtFixedRate(this::beat, settings.heartbeatIntervalMs(),
                    settings.heartbeatIntervalMs(), TimeUnit.MILLISECONDS);
        }
        dev.mcpws.diagnostics.Messages.WEBSOCKET_READY.log(LOG, null, settings);
        running = this;
    }

    /**
     * Created when the application starts, on the application's thread: created lazily on a container thread (a
     * metrics scrape, say) it could see another class loader's configuration.
     */
    void onStartup(@Observes Startup startup) {
        settings();
    }

    public TransportSettings settings() {
        return settings;
    }

    McpEngine engine() {
        return server.engine();
    }

    /** Counts an upgrade refused before it reached the endpoint (e.g. "unauthorized"). */
    public void rejected(String reason) {
        listener().rejected(reason);
    }

    TransportListener listener() {
        return listener;
    }

    /** Where connections run their close handshakes (the container's managed scheduler). */
    java.util.concurrent.Executor closer() {
        return scheduler;
    }

    // ------------------------------------------------------------------ connections and the cap

    /** Why an upgrade would be refused now ({@code draining}, {@code capacity}), or null when it is welcome. */
    public String refusal() {
        if (draining) {
            return "draining";
        }
        return connections.size() >= settings.maxConnections() ? "capacity" : null;
    }

    /** Takes one of the connection slots; false when the server is full or draining. */
    boolean reserve() {
        if (draining) {
            return false;
        }
        if (reserved.incrementAndGet() > settings.maxConnections()) {
            reserved.decrementAndGet();
            return false;
        }
        return true;
    }

    void opened(WebSocketConnection c, String subprotocol) {
        connections.add(c);
        listener.opened();
        openedEvent.fire(new McpConnectionOpened(c.id(), "websocket", subprotocol, c.principal()));
    }

    void closed(WebSocketConnection c, int code, String reason) {
        if (connections.remove(c)) {
            reserved.decrementAndGet();
            listener.closed(code);
            closedEvent.fire(new McpConnectionClosed(c.id(), code, reason == null ? "" : reason,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - c.openedNanos())));
        }
    }

    Collection<WebSocketConnection> connections() {
        return Collections.unmodifiableSet(connections);
    }

    public int activeConnections() {
        return connections.size();
    }

    /** Messages waiting to be written, summed over all sockets. */
    public long queuedMessages() {
        long n = 0;
        for (WebSocketConnection c : connections) {
            n += c.queuedMessages();
        }
        return n;
    }

    public boolean draining() {
        return draining;
    }

    // ------------------------------------------------------------------ heartbeat

    private void beat() {
        lastHeartbeatNanos = System.nanoTime();
        Instant now = Instant.now();
        for (WebSocketConnection c : connections) {
            try {
                if (c.principal() instanceof McpCaller caller && caller.expired(now)) {
                    dev.mcpws.diagnostics.Messages.TOKEN_EXPIRED.log(LOG, null, c.id(), caller.name());
                    c.close(CloseReason.CloseCodes.VIOLATED_POLICY.getCode(), "token expired");
                    continue;
                }
                c.heartbeat(settings.heartbeatMaxMissed());
            } catch (RuntimeException e) {
                dev.mcpws.diagnostics.Messages.HEARTBEAT_FAILED.log(LOG, e, c.id());
            }
        }
    }

    /** True when the heartbeat is off, or its task ran within the last two intervals. */
    public boolean heartbeatAlive() {
        if (settings.heartbeatIntervalMs() == 0) {
            return true;
        }
        return heartbeat != null && !heartbeat.isDone()
                && System.nanoTime() - lastHeartbeatNanos < TimeUnit.MILLISECONDS.toNanos(2 * settings.heartbeatIntervalMs() + 1000);
    }

    /** Milliseconds since the heartbeat last ran. */
    public long millisSinceHeartbeat() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastHeartbeatNanos);
    }

    // ------------------------------------------------------------------ drain

    /**
     * Graceful drain, run when the application stops: refuse new upgrades (readiness turns DOWN), let in-flight
     * requests finish for up to {@code mcp.drain.timeout-ms}, then close every socket with 1001.
     */
    @PreDestroy
    void drain() {
        draining = true;
        if (running == this) {
            running = null;
        }
        if (heartbeat != null) {
            heartbeat.cancel(false);
        }
        int sockets = connections.size();
        if (sockets == 0) {
            return;
        }
        dev.mcpws.diagnostics.Messages.DRAINING.log(LOG, null, sockets, settings.drainTimeoutMs());
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(settings.drainTimeoutMs());
        McpEngine engine = server.engine();
        server.endSubscriptions(); // listens end with their result, not with the socket
        while (engine.inFlightCount() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        int unfinished = engine.inFlightCount();
        for (WebSocketConnection c : connections) {
            c.close(CloseReason.CloseCodes.GOING_AWAY.getCode(), "server shutting down");
        }
        dev.mcpws.diagnostics.Messages.DRAIN_DONE.log(LOG, null, unfinished);
    }

    /** Sends every event to several listeners. */
    private record FanOut(List<TransportListener> all) implements TransportListener {
        @Override
        public void opened() {
            all.forEach(TransportListener::opened);
        }

        @Override
        public void closed(int closeCode) {
            all.forEach(l -> l.closed(closeCode));
        }

        @Override
        public void rejected(String reason) {
            all.forEach(l -> l.rejected(reason));
        }

        @Override
        public void received(int bytes) {
            all.forEach(l -> l.received(bytes));
        }

        @Override
        public void sent(int bytes) {
            all.forEach(l -> l.sent(bytes));
        }

        @Override
        public void pong(long rttNanos) {
            all.forEach(l -> l.pong(rttNanos));
        }

        @Override
        public void missedPong() {
            all.forEach(TransportListener::missedPong);
        }
    }
}
