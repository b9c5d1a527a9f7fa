package dev.mcpws.transport.http;

import dev.mcpws.engine.McpEngine;
import dev.mcpws.engine.McpSession;
import dev.mcpws.transport.Connections;
import dev.mcpws.transport.TransportSettings;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import jakarta.servlet.ServletInputStream;
import java.security.Principal;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The Streamable HTTP side of the server: the legacy sessions by {@code Mcp-Session-Id} (connections of the shared
 * {@link Connections}), the stateless requests, and one periodic task that sends SSE keep-alives and ends idle
 * sessions.
 */
@ApplicationScoped
public class HttpTransport {

    static final String NAME = "http";
    /** Close code of a session ended for being idle (application range, after HTTP 408). */
    static final int CLOSE_IDLE = 4408;
    private static final Logger LOG = Logger.getLogger(HttpTransport.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final AtomicLong IDS = new AtomicLong();

    @Inject
    Connections connections;

    @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
    ManagedScheduledExecutorService scheduler;

    @Resource(lookup = "java:comp/DefaultManagedThreadFactory")
    jakarta.enterprise.concurrent.ManagedThreadFactory threadFactory;

    /** At most this many threads write SSE messages no request's own thread writes (see {@link #write}). */
    static final int WRITE_THREADS = 64;
    private dev.mcpws.transport.WriteThreads writeThreads;

    @Inject
    @ConfigProperty(name = "mcp.http.session-idle-timeout-ms", defaultValue = "1800000")
    long sessionIdleMs;

    @Inject
    @ConfigProperty(name = "mcp.http.sse-keepalive-ms", defaultValue = "15000")
    long keepAliveMs;

    @Inject
    @ConfigProperty(name = "mcp.http.body-timeout-ms", defaultValue = "30000")
    long bodyTimeoutMs;

    private HttpSettings settings;
    private long housekeepingMs;
    private final Map<String, HttpSession> sessions = new ConcurrentHashMap<>();
    private final Map<StatelessRequest, McpSession> stateless = new ConcurrentHashMap<>();
    private final Set<BodyReader> reading = ConcurrentHashMap.newKeySet();
    private ScheduledFuture<?> housekeeping;
    private ScheduledFuture<?> bodyDeadlines;
    private volatile boolean stopping;

    @PostConstruct
    void start() {
        settings = new HttpSettings(sessionIdleMs, keepAliveMs, bodyTimeoutMs);
        java.util.concurrent.atomic.AtomicInteger w = new java.util.concurrent.atomic.AtomicInteger();
        writeThreads = new dev.mcpws.transport.WriteThreads(WRITE_THREADS, r -> {
            Thread t = threadFactory.newThread(r);
            t.setName("mcp-http-write-" + w.incrementAndGet());
            return t;
        });
        long period = Math.min(keepAliveMs > 0 ? keepAliveMs : Long.MAX_VALUE,
                sessionIdleMs > 0 ? Math.max(1000, sessionIdleMs / 4) : Long.MAX_VALUE);
        if (period != Long.MAX_VALUE) {
            housekeepingMs = period;
            connections.ticked(NAME + "-housekeeping", period);
            housekeeping = scheduler.scheduleAtFixedRate(this::housekeeping, period, period, TimeUnit.MILLISECONDS);
        }
        if (bodyTimeoutMs > 0) {
            long sweep = Math.max(50, Math.min(1000, bodyTimeoutMs / 4));
            bodyDeadlines = scheduler.scheduleAtFixedRate(this::expireBodies, sweep, sweep, TimeUnit.MILLISECONDS);
        }
        dev.mcpws.diagnostics.Messages.HTTP_READY.log(LOG, null, settings);
    }

    void onStartup(@Observes Startup startup) {
        settings();
    }

    public HttpSettings settings() {
        return settings;
    }

    TransportSettings shared() {
        return connections.settings();
    }

    Connections connections() {
        return connections;
    }

    /** The listeners of every message, resolved once (not through the {@code Connections} proxy per request). */
    dev.mcpws.transport.TransportListener listener() {
        dev.mcpws.transport.TransportListener l = listener;
        if (l == null) {
            l = connections.listener();
            listener = l;
        }
        return l;
    }

    private volatile dev.mcpws.transport.TransportListener listener;

    McpEngine engine() {
        return connections.engine();
    }

    // ------------------------------------------------------------------ bodies

    /**
     * Reads a POST body asynchronously (no thread waits for a slow client) into {@code sink}: at most {@code max}
     * bytes, within {@code mcp.http.body-timeout-ms}; {@code expected} is its {@code Content-Length} (-1: chunked). The
     * request must be in asynchronous mode.
     */
    void readBody(ServletInputStream in, int max, long expected, BodyReader.Sink sink) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(bodyTimeoutMs > 0 ? bodyTimeoutMs : 0);
        BodyReader[] self = new BodyReader[1];
        BodyReader reader = new BodyReader(in, max, deadline, new BodyReader.Sink() {
            @Override
            public void body(String text) {
                reading.remove(self[0]);
                sink.body(text);
            }

            @Override
            public void refused(int status) {
                reading.remove(self[0]);
                sink.refused(status);
            }
        }, expected);
        self[0] = reader;
        if (bodyTimeoutMs > 0) {
            reading.add(reader);
        }
        in.setReadListener(reader);
    }

    /** Bodies still being read (not yet complete, refused or expired). */
    int bodiesReading() {
        return reading.size();
    }

    private void expireBodies() {
        long now = System.nanoTime();
        for (BodyReader r : reading) {
            try {
                if (r.expire(now) || r.isDone()) {
                    reading.remove(r);
                }
            } catch (RuntimeException e) {
                reading.remove(r);
                dev.mcpws.diagnostics.Messages.HOUSEKEEPING_FAILED.log(LOG, e, "the body deadlines");
            }
        }
    }

    // ------------------------------------------------------------------ stateless requests

    /** The engine session of one stateless request; ended when its exchange ends. */
    McpSession openRequest(Principal principal, Exchange exchange) {
        StatelessRequest r = new StatelessRequest(NAME + "-" + IDS.incrementAndGet(), principal, exchange);
        McpSession s = connections.openRequest(r);
        stateless.put(r, s);
        Runnable end = () -> {
            if (stateless.remove(r) != null) {
                connections.closeRequest(s);
            }
        };
        exchange.onAbort(end).onDone(end);
        return s;
    }

    // ------------------------------------------------------------------ legacy sessions

    /** A new legacy session (for an initialize), or null when the shared connection cap is reached or draining. */
    HttpSession openSession(Principal principal) {
        if (stopping || !connections.reserve()) {
            return null;
        }
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        String sid = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        HttpSession c = new HttpSession(NAME + "-" + IDS.incrementAndGet(), sid, principal, this::end);
        sessions.put(sid, c);
        c.session(connections.open(c, null));
        return c;
    }

    /** The live session with this id, or null. */
    HttpSession session(String sessionId) {
        HttpSession c = sessions.get(sessionId);
        if (c != null) {
            c.touch();
        }
        return c;
    }

    /**
     * Ends a session: its open bodies end (waiting POSTs get 503 at shutdown, else 404), its work is cancelled.
     * {@code code} is the WebSocket-style close code the metrics and events report.
     */
    void end(HttpSession c, int code) {
        if (sessions.remove(c.sessionId(), c)) {
            c.endAll(code == 1001 ? 503 : 404);
            connections.closed(c, code, code == 1000 ? "session deleted" : code == CLOSE_IDLE ? "session idle" : "session ended");
        }
    }

    // ------------------------------------------------------------------ housekeeping

    private void housekeeping() {
        connections.ticked(NAME + "-housekeeping", housekeepingMs);
        long idle = TimeUnit.MILLISECONDS.toNanos(settings.sessionIdleMs());
        for (HttpSession c : sessions.values()) {
            try {
                if (settings.keepAliveMs() > 0) {
                    c.keepAlive();
                }
                if (settings.sessionIdleMs() > 0 && c.idleFor(idle)) {
                    LOG.fine(() -> "Ending idle HTTP session " + c.id());
                    end(c, CLOSE_IDLE);
                }
            } catch (RuntimeException e) {
                dev.mcpws.diagnostics.Messages.HOUSEKEEPING_FAILED.log(LOG, e, c.id());
            }
        }
        if (settings.keepAliveMs() > 0) {
            stateless.keySet().forEach(r -> r.exchange().keepAlive());
        }
    }

    @PreDestroy
    void stop() {
        stopping = true;
        if (housekeeping != null) {
            housekeeping.cancel(false);
        }
        if (bodyDeadlines != null) {
            bodyDeadlines.cancel(false);
        }
        sessions.values().forEach(c -> end(c, 1001));
        stateless.keySet().forEach(r -> r.exchange().close(503));
        writeThreads.shutdown();
    }

    /**
     * Runs an SSE write on a write thread, never on the caller's: a listen's notifications, the messages of no request
     * on a legacy session's stream and keep-alive comments ({@link Exchange#notifyDetached}), so the thread that
     * fans a change out (or the housekeeping) never waits for a client that does not read.
     */
    void write(Runnable write) {
        writeThreads.execute(write);
    }
}
