package dev.mcpws.transport.http;

import dev.mcpws.cdi.McpServer;
import dev.mcpws.engine.McpEngine;
import dev.mcpws.engine.McpSession;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.security.Principal;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The Streamable HTTP side of the server: the legacy sessions by {@code Mcp-Session-Id}, stateless per-request
 * connections, and one periodic task that sends SSE keep-alives and ends idle sessions.
 */
@ApplicationScoped
public class HttpTransport {

    private static final Logger LOG = Logger.getLogger(HttpTransport.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    McpServer server;

    @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
    ManagedScheduledExecutorService scheduler;

    @Inject
    @ConfigProperty(name = "mcp.http.allowed-origins")
    Optional<String> allowedOrigins;

    @Inject
    @ConfigProperty(name = "mcp.websocket.allowed-origins")
    Optional<String> websocketOrigins;

    @Inject
    @ConfigProperty(name = "mcp.http.max-message-bytes", defaultValue = "4194304")
    int maxMessageBytes;

    @Inject
    @ConfigProperty(name = "mcp.http.max-sessions", defaultValue = "10000")
    int maxSessions;

    @Inject
    @ConfigProperty(name = "mcp.http.session-idle-timeout-ms", defaultValue = "1800000")
    long sessionIdleMs;

    @Inject
    @ConfigProperty(name = "mcp.http.sse-keepalive-ms", defaultValue = "15000")
    long keepAliveMs;

    private HttpSettings settings;
    private final Map<String, HttpConnection> sessions = new ConcurrentHashMap<>();
    private final Set<HttpConnection> stateless = ConcurrentHashMap.newKeySet();
    private ScheduledFuture<?> housekeeping;
    private volatile boolean stopping;

    @PostConstruct
    void start() {
        settings = new HttpSettings(OriginPolicy.parse(allowedOrigins.or(() -> websocketOrigins).orElse(null)),
                maxMessageBytes, maxSessions, sessionIdleMs, keepAliveMs);
        long period = Math.min(keepAliveMs > 0 ? keepAliveMs : Long.MAX_VALUE,
                sessionIdleMs > 0 ? Math.max(1000, sessionIdleMs / 4) : Long.MAX_VALUE);
        if (period != Long.MAX_VALUE) {
            housekeeping = scheduler.scheduleAtFixedRate(this::housekeeping, period, period, TimeUnit.MILLISECONDS);
        }
        dev.mcpws.diagnostics.Messages.HTTP_READY.log(LOG, null, settings);
    }

    void onStartup(@Observes Startup startup) {
        settings();
    }

    public HttpSettings settings() {
        return settings;
    }

    McpEngine engine() {
        return server.engine();
    }

    boolean stopping() {
        return stopping;
    }

    // ------------------------------------------------------------------ connections

    /** A connection for one stateless request; closed when its exchange ends. */
    HttpConnection openStateless(Principal principal) {
        HttpConnection c = new HttpConnection(null, principal, this::end);
        c.session(engine().open(c));
        stateless.add(c);
        return c;
    }

    /** A new legacy session (for an initialize), or null when the server has {@code max-sessions} already. */
    HttpConnection openSession(Principal principal) {
        if (sessions.size() >= settings.maxSessions()) {
            return null;
        }
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        String sid = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        HttpConnection c = new HttpConnection(sid, principal, this::end);
        c.session(engine().open(c));
        sessions.put(sid, c);
        return c;
    }

    /** The live session with this id, or null. */
    HttpConnection session(String sessionId) {
        HttpConnection c = sessions.get(sessionId);
        if (c != null) {
            c.touch();
        }
        return c;
    }

    /** Ends a session or stateless connection: cancels its work and ends its open exchanges. */
    void end(HttpConnection c) {
        boolean removed = c.sessionId() != null ? sessions.remove(c.sessionId(), c) : stateless.remove(c);
        McpSession s = c.session();
        if (s != null) {
            engine().onClose(s);
        }
        if (removed) {
            c.endAll(stopping ? 503 : 404);
        }
    }

    public int activeSessions() {
        return sessions.size();
    }

    // ------------------------------------------------------------------ housekeeping

    private void housekeeping() {
        long idle = TimeUnit.MILLISECONDS.toNanos(settings.sessionIdleMs());
        for (HttpConnection c : sessions.values()) {
            try {
                if (settings.keepAliveMs() > 0) {
                    c.keepAlive();
                }
                if (settings.sessionIdleMs() > 0 && c.idleFor(idle)) {
                    LOG.fine(() -> "Ending idle HTTP session " + c.id());
                    end(c);
                }
            } catch (RuntimeException e) {
                dev.mcpws.diagnostics.Messages.HOUSEKEEPING_FAILED.log(LOG, e, c.id());
            }
        }
        if (settings.keepAliveMs() > 0) {
            for (HttpConnection c : stateless) {
                c.keepAlive();
            }
        }
    }

    @PreDestroy
    void stop() {
        stopping = true;
        if (housekeeping != null) {
            housekeeping.cancel(false);
        }
        sessions.values().forEach(this::end);
        stateless.forEach(this::end);
    }
}
