package dev.mcpws.transport.websocket;

import dev.mcpws.api.McpCaller;
import dev.mcpws.diagnostics.Messages;
import dev.mcpws.engine.McpEngine;
import dev.mcpws.transport.Connections;
import dev.mcpws.transport.TransportListener;
import dev.mcpws.transport.TransportSettings;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The WebSocket side of the server: its own settings, its open sockets, and the heartbeat: one task on the
 * container's {@code ManagedScheduledExecutorService} that ticks several times per interval and each time takes one
 * slot of a {@link HeartbeatWheel}, so every socket has its turn once per interval and the pings are spread over it
 * (not one burst for all sockets). At its turn a socket is closed if its token expired, and otherwise pinged unless
 * the peer sent something since its last turn. The cap, events, metrics and drain are the shared {@link Connections}'.
 */
@ApplicationScoped
public class WebSocketTransport {

    static final String NAME = "websocket";
    private static final Logger LOG = Logger.getLogger(WebSocketTransport.class.getName());

    @Inject
    Connections connections;

    @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
    ManagedScheduledExecutorService scheduler;

    @Resource(lookup = "java:comp/DefaultManagedThreadFactory")
    jakarta.enterprise.concurrent.ManagedThreadFactory threadFactory;

    /**
     * Close handshakes (and their timeouts) run on threads of their own, never on the container's pool that runs
     * requests: Liberty's {@code Session.close()} sleeps up to 3 s ({@code WsocConnLink.finishReadBeforeClose}) for
     * a link whose read failed inside Liberty (e.g. a close code above 4999), and every pool thread it held delayed
     * other clients' requests by as much (found by {@code HostileLoadRun}: a healthy client's p99 went from 26 ms to
     * 877 ms while two peers sent such frames). At most {@link #CLOSE_THREADS} closes block at once; more wait their
     * turn here, where they delay nobody's requests (a timed-out close has given its slot back already).
     */
    private java.util.concurrent.ScheduledThreadPoolExecutor closeThreads;

    static final int CLOSE_THREADS = 8;

    /** Write the messages that belong to no request (see {@link dev.mcpws.transport.WriteThreads}). */
    private dev.mcpws.transport.WriteThreads writeThreads;

    static final int WRITE_THREADS = 64;

    @Inject
    @ConfigProperty(name = "mcp.websocket.idle-timeout-ms", defaultValue = "0")
    long idleTimeoutMs;

    @Inject
    @ConfigProperty(name = "mcp.websocket.max-queued-messages", defaultValue = "1000")
    int maxQueuedMessages;

    @Inject
    @ConfigProperty(name = "mcp.websocket.max-queued-bytes", defaultValue = "16777216")
    long maxQueuedBytes;

    @Inject
    @ConfigProperty(name = "mcp.websocket.close-timeout-ms", defaultValue = "5000")
    long closeTimeoutMs;

    @Inject
    @ConfigProperty(name = "mcp.websocket.send-timeout-ms", defaultValue = "20000")
    long sendTimeoutMs;

    @Inject
    @ConfigProperty(name = "mcp.heartbeat.interval-ms", defaultValue = "25000")
    long heartbeatIntervalMs;

    @Inject
    @ConfigProperty(name = "mcp.heartbeat.max-missed", defaultValue = "2")
    int heartbeatMaxMissed;

    private WebSocketSettings settings;
    private TransportSettings shared;
    private HeartbeatWheel<WebSocketConnection> sockets = new HeartbeatWheel<>(1);
    private ScheduledFuture<?> heartbeat;
    private ScheduledFuture<?> sendWatch;

    /**
     * The running transport of this application (one per class loader, i.e. per deployment), for the endpoint and
     * codec instances the container creates: Liberty made a new {@code Decoder} per message and called its
     * {@code init}, and a CDI lookup there was per-message work (about 7 % of the server's CPU samples under load).
     * Null before the start.
     */
    private static volatile WebSocketTransport running;

    /** The running transport, without a CDI lookup once it started. */
    static WebSocketTransport current() {
        WebSocketTransport t = running;
        return t != null ? t : jakarta.enterprise.inject.spi.CDI.current().select(WebSocketTransport.class).get();
    }

    @PostConstruct
    void start() {
        java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
        closeThreads = new java.util.concurrent.ScheduledThreadPoolExecutor(CLOSE_THREADS, r -> {
            Thread t = threadFactory.newThread(r);
            t.setName("mcp-ws-close-" + n.incrementAndGet());
            return t;
        });
        closeThreads.setKeepAliveTime(30, TimeUnit.SECONDS);
        closeThreads.allowCoreThreadTimeOut(true);
        closeThreads.setRemoveOnCancelPolicy(true);
        java.util.concurrent.atomic.AtomicInteger w = new java.util.concurrent.atomic.AtomicInteger();
        writeThreads = new dev.mcpws.transport.WriteThreads(WRITE_THREADS, r -> {
            Thread t = threadFactory.newThread(r);
            t.setName("mcp-ws-write-" + w.incrementAndGet());
            return t;
        });
        settings = new WebSocketSettings(idleTimeoutMs, maxQueuedMessages, heartbeatIntervalMs, heartbeatMaxMissed,
                maxQueuedBytes, closeTimeoutMs, sendTimeoutMs);
        shared = connections.settings();
        if (settings.heartbeatIntervalMs() > 0) {
            sockets = new HeartbeatWheel<>(HeartbeatWheel.slotsFor(settings.heartbeatIntervalMs()));
            long tick = HeartbeatWheel.tickMicros(settings.heartbeatIntervalMs(), sockets.slots());
            connections.ticked(NAME + "-heartbeat", settings.heartbeatIntervalMs());
            heartbeat = scheduler.scheduleAtFixedRate(this::tick, tick, tick, TimeUnit.MICROSECONDS);
        }
        if (settings.sendTimeoutMs() > 0) {
            long every = Math.max(10, Math.min(1000, settings.sendTimeoutMs() / 4));
            sendWatch = closeThreads.scheduleWithFixedDelay(this::watchSends, every, every, TimeUnit.MILLISECONDS);
        }
        Messages.WEBSOCKET_READY.log(LOG, null, settings + ", " + shared);
        running = this;
    }

    /**
     * Created when the application starts, on the application's thread: created lazily on a container thread (a
     * metrics scrape, say) it could see another class loader's configuration.
     */
    void onStartup(@Observes Startup startup) {
        settings();
    }

    public WebSocketSettings settings() {
        return settings;
    }

    TransportSettings shared() {
        return shared;
    }

    Connections connections() {
        return connections;
    }

    McpEngine engine() {
        return connections.engine();
    }

    /** The listeners of every message, resolved once (not through the {@code Connections} proxy per message). */
    TransportListener listener() {
        TransportListener l = listener;
        if (l == null) {
            l = connections.listener();
            listener = l;
        }
        return l;
    }

    private volatile TransportListener listener;

    /** Runs a write on a write thread (see {@link dev.mcpws.transport.WriteThreads}); never on the caller's thread. */
    void write(Runnable write) {
        writeThreads.execute(write);
    }

    /** Where connections run their close handshakes and close timeouts (threads of their own, see the field). */
    java.util.concurrent.ScheduledExecutorService closer() {
        return closeThreads;
    }

    void opened(WebSocketConnection c) {
        c.heartbeatSlot = sockets.add(c);
    }

    void closed(WebSocketConnection c) {
        sockets.remove(c, c.heartbeatSlot);
    }

    /** Messages waiting to be written, summed over all sockets. */
    public long queuedMessages() {
        long[] n = {0};
        sockets.forEach(c -> n[0] += c.queuedMessages());
        return n[0];
    }

    // ------------------------------------------------------------------ heartbeat

    /**
     * One tick: the turn of the sockets in the wheel's next slot. Liveness watches the ticks against the interval
     * (a socket's turn), not against the much shorter time between ticks.
     */
    private void tick() {
        connections.ticked(NAME + "-heartbeat", settings.heartbeatIntervalMs());
        Instant now = Instant.now();
        for (WebSocketConnection c : sockets.advance()) {
            try {
                if (c.principal() instanceof McpCaller caller && caller.expired(now)) {
                    Messages.TOKEN_EXPIRED.log(LOG, null, c.id(), caller.name());
                    c.close(CloseReason.CloseCodes.VIOLATED_POLICY.getCode(), "token expired");
                    continue;
                }
                c.heartbeat(settings.heartbeatMaxMissed());
            } catch (RuntimeException e) {
                Messages.HEARTBEAT_FAILED.log(LOG, e, c.id());
            }
        }
    }

    // ------------------------------------------------------------------ send watchdog

    /**
     * Closes (1013) every socket whose message in progress has not been written within
     * {@code mcp.websocket.send-timeout-ms}: its peer does not read. Runs on the close threads, not on the container's
     * pool: it is what frees the container's threads that wait for such a write. Liberty's thread that reads a peer's
     * close frame first waits, without a time limit, for the write in progress on that socket, so a peer that stops
     * reading and then sends its close frame held one pool thread (and its connection slot) for as long as it kept its
     * TCP connection open ({@code CloseBurstIT}). The close started here gives that write up and the thread goes on.
     */
    private void watchSends() {
        long now = System.nanoTime();
        long limit = TimeUnit.MILLISECONDS.toNanos(settings.sendTimeoutMs());
        sockets.forEach(c -> {
            try {
                if (c.sendingLongerThan(limit, now)) {
                    c.sendTimedOut(settings.sendTimeoutMs());
                }
            } catch (RuntimeException e) {
                Messages.CLOSE_FAILED.log(LOG, e, c.id());
            }
        });
    }

    @PreDestroy
    void stop() {
        if (running == this) {
            running = null;
        }
        if (heartbeat != null) {
            heartbeat.cancel(false);
        }
        if (sendWatch != null) {
            sendWatch.cancel(false);
        }
        // closes already queued (the drain's) get a moment; a scheduled close timeout no longer matters. What is left
        // then is interrupted and dropped: Liberty closes the application's sockets itself as it stops, and a close
        // asleep in Liberty (up to 3 s each, queued behind one another) must not hold the undeploy
        writeThreads.shutdown();
        closeThreads.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        closeThreads.shutdown();
        try {
            if (!closeThreads.awaitTermination(2, TimeUnit.SECONDS)) {
                closeThreads.shutdownNow();
            }
        } catch (InterruptedException e) {
            closeThreads.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
