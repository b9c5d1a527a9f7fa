package dev.mcpws.observability;

import dev.mcpws.cdi.McpServer;
import dev.mcpws.engine.EngineListener;
import dev.mcpws.engine.Era;
import dev.mcpws.engine.McpSession;
import dev.mcpws.transport.websocket.TransportListener;
import dev.mcpws.transport.websocket.WebSocketTransport;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

/**
 * MicroProfile Metrics of the MCP server, named in the spirit of the OpenTelemetry MCP semantic conventions
 * ({@code mcp.server.*}); Prometheus text at {@code /metrics} (dots become underscores, counters end in
 * {@code _total}). The README lists every metric.
 */
@ApplicationScoped
public class McpMetrics implements EngineListener, TransportListener {

    @Inject
    MetricRegistry registry;

    @Inject
    WebSocketTransport transport;

    @Inject
    McpServer server;

    private Counter opened;
    private Counter messagesIn;
    private Counter messagesOut;
    private Counter bytesIn;
    private Counter bytesOut;
    private Counter missedPongs;
    private Timer heartbeatRtt;
    private final Map<Integer, Counter> closedByCode = new ConcurrentHashMap<>();
    private final Map<String, Counter> rejectedByReason = new ConcurrentHashMap<>();
    private final Map<String, Timer> requestTimers = new ConcurrentHashMap<>();

    @PostConstruct
    void register() {
        opened = registry.counter(meta("mcp.server.connections.opened", "WebSocket connections opened", MetricUnits.NONE));
        messagesIn = registry.counter(meta("mcp.server.messages.received", "JSON-RPC messages received", MetricUnits.NONE));
        messagesOut = registry.counter(meta("mcp.server.messages.sent", "JSON-RPC messages sent", MetricUnits.NONE));
        bytesIn = registry.counter(meta("mcp.server.received", "UTF-8 bytes of messages received", MetricUnits.BYTES));
        bytesOut = registry.counter(meta("mcp.server.sent", "UTF-8 bytes of messages sent", MetricUnits.BYTES));
        missedPongs = registry.counter(meta("mcp.server.heartbeat.missed", "Heartbeat pings that went unanswered for an interval", MetricUnits.NONE));
        heartbeatRtt = registry.timer(meta("mcp.server.heartbeat.rtt", "Round trip of heartbeat ping/pong", MetricUnits.SECONDS));
        registry.gauge(meta("mcp.server.connections.active", "Open WebSocket connections", MetricUnits.NONE),
                transport, WebSocketTransport::activeConnections);
        registry.gauge(meta("mcp.server.outbound.queued", "Messages waiting to be written, all connections", MetricUnits.NONE),
                transport, WebSocketTransport::queuedMessages);
        registry.gauge(meta("mcp.server.requests.in_flight", "Requests running or queued, all connections", MetricUnits.NONE),
                server, s -> s.engine().inFlightCount());
        Metadata sessions = meta("mcp.server.sessions", "Connections by protocol era: legacy (initialized) or stateless (no handshake)", MetricUnits.NONE);
        registry.gauge(sessions, server, s -> countSessions(s, true), new Tag("era", "legacy"));
        registry.gauge(sessions, server, s -> countSessions(s, false), new Tag("era", "stateless"));
    }

    /** Registers the metrics when the application starts, so /metrics shows them before any traffic. */
    void onStartup(@Observes Startup startup) {
        opened.getCount();
    }

    private static long countSessions(McpServer server, boolean legacy) {
        long n = 0;
        for (McpSession s : server.engine().sessions()) {
            if ((s.handshake() != null) == legacy) {
                n++;
            }
        }
        return n;
    }

    private static Metadata meta(String name, String description, String unit) {
        return Metadata.builder().withName(name).withDescription(description).withUnit(unit).build();
    }

    // ------------------------------------------------------------------ engine

    @Override
    public void requestEnded(String method, String target, Era era, String outcome, long nanos) {
        String eraTag = era == null ? "none" : era == Era.LEGACY ? "legacy" : "stateless";
        String key = method + '\u0000' + target + '\u0000' + eraTag + '\u0000' + outcome;
        requestTimers.computeIfAbsent(key, k -> registry.timer(
                meta("mcp.server.request.duration", "Duration of MCP requests by method, tool/prompt name, era and outcome", MetricUnits.SECONDS),
                new Tag("method", method), new Tag("name", target), new Tag("era", eraTag), new Tag("outcome", outcome)))
                .update(Duration.ofNanos(nanos));
    }

    // ------------------------------------------------------------------ transport

    @Override
    public void opened() {
        opened.inc();
    }

    @Override
    public void closed(int closeCode) {
        closedByCode.computeIfAbsent(closeCode, c -> registry.counter(
                meta("mcp.server.connections.closed", "WebSocket connections closed, by close code", MetricUnits.NONE),
                new Tag("close_code", Integer.toString(c)))).inc();
    }

    @Override
    public void rejected(String reason) {
        rejectedByReason.computeIfAbsent(reason, r -> registry.counter(
                meta("mcp.server.handshakes.rejected", "WebSocket upgrades refused, by reason", MetricUnits.NONE),
                new Tag("reason", r))).inc();
    }

    @Override
    public void received(int bytes) {
        messagesIn.inc();
        bytesIn.inc(bytes);
    }

    @Override
    public void sent(int bytes) {
        messagesOut.inc();
        bytesOut.inc(bytes);
    }

    @Override
    public void pong(long rttNanos) {
        heartbeatRtt.update(Duration.ofNanos(rttNanos));
    }

    @Override
    public void missedPong() {
        missedPongs.inc();
    }
}
