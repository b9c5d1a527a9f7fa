package dev.mcpws.observability;

import dev.mcpws.cdi.McpServer;
import dev.mcpws.cluster.ClusterListener;
import dev.mcpws.engine.EngineListener;
import dev.mcpws.engine.Era;
import dev.mcpws.transport.Connections;
import dev.mcpws.transport.TransportListener;
import dev.mcpws.transport.websocket.WebSocketTransport;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
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
public class McpMetrics implements EngineListener, TransportListener, ClusterListener {

    @Inject
    MetricRegistry registry;

    @Inject
    WebSocketTransport transport;

    @Inject
    McpServer server;

    @Inject
    Connections connections;

    /** The per-message counters of each transport, resolved once: nothing is looked up by name per message. */
    private final Map<String, Traffic> traffic = new ConcurrentHashMap<>();

    private record Traffic(Counter opened, Counter messagesIn, Counter messagesOut, Counter bytesIn, Counter bytesOut) {
    }
    private static final List<String> TRANSPORTS = List.of("websocket", "http");
    private Counter missedPongs;
    private Timer heartbeatRtt;
    private final Map<String, Counter> closedByCode = new ConcurrentHashMap<>();
    private final Map<String, Counter> rejectedByReason = new ConcurrentHashMap<>();
    private final Map<TimerKey, Timer> requestTimers = new ConcurrentHashMap<>();

    @PostConstruct
    void register() {
        for (String t : TRANSPORTS) {
            traffic(t);
            registry.gauge(meta("mcp.server.connections.active", "Open connections: WebSockets and legacy HTTP sessions", MetricUnits.NONE),
                    connections, c -> c.active(t), new Tag("transport", t));
        }
        missedPongs = registry.counter(meta("mcp.server.heartbeat.missed", "Heartbeat pings that went unanswered for an interval", MetricUnits.NONE));
        heartbeatRtt = registry.timer(meta("mcp.server.heartbeat.rtt", "Round trip of heartbeat ping/pong", MetricUnits.SECONDS));
        registry.gauge(meta("mcp.server.outbound.queued", "Messages waiting to be written, all WebSockets", MetricUnits.NONE),
                transport, WebSocketTransport::queuedMessages);
        registry.gauge(meta("mcp.server.requests.in_flight", "Requests running or queued, all connections", MetricUnits.NONE),
                server, s -> s.engine().inFlightCount());
        Metadata sessions = meta("mcp.server.sessions", "Connections by protocol era: legacy (initialized) or stateless (no handshake)", MetricUnits.NONE);
        registry.gauge(sessions, connections, c -> c.byEra(true), new Tag("era", "legacy"));
        registry.gauge(sessions, connections, c -> c.byEra(false), new Tag("era", "stateless"));
    }

    /** Registers the metrics when the application starts, so /metrics shows them before any traffic. */
    void onStartup(@Observes Startup startup) {
        missedPongs.getCount();
        if (server.clusterStatus().enabled()) { // cluster mode only: one node shows no cluster metrics
            clusterPublished = registry.counter(meta("mcp.cluster.messages.published",
                    "Cluster messages of this node that reached Redis", MetricUnits.NONE));
            clusterReceived = registry.counter(meta("mcp.cluster.messages.received",
                    "Cluster messages of other nodes received for delivery to this node's clients", MetricUnits.NONE));
            for (Drop d : Drop.values()) {
                clusterDropped.put(d, registry.counter(meta("mcp.cluster.messages.dropped",
                        "Cluster messages not published (redis_down) or not delivered (malformed, overflow)",
                        MetricUnits.NONE), new Tag("reason", d.tag())));
            }
            clusterReconnects = registry.counter(meta("mcp.cluster.redis.reconnects",
                    "Times the link to Redis came back after it was lost", MetricUnits.NONE));
            registry.gauge(meta("mcp.cluster.link.up", "1 while this node is subscribed to the cluster channel, else 0",
                    MetricUnits.NONE), server, s -> s.clusterStatus().connected() ? 1 : 0);
        }
    }

    // ------------------------------------------------------------------ cluster

    private volatile Counter clusterPublished;
    private volatile Counter clusterReceived;
    private volatile Counter clusterReconnects;
    private final Map<Drop, Counter> clusterDropped = new ConcurrentHashMap<>();

    @Override
    public void published() {
        Counter c = clusterPublished;
        if (c != null) {
            c.inc();
        }
    }

    @Override
    public void received() {
        Counter c = clusterReceived;
        if (c != null) {
            c.inc();
        }
    }

    @Override
    public void dropped(Drop why) {
        Counter c = clusterDropped.get(why);
        if (c != null) {
            c.inc();
        }
    }

    @Override
    public void reconnected() {
        Counter c = clusterReconnects;
        if (c != null) {
            c.inc();
        }
    }

    private static final String OPENED = "mcp.server.connections.opened|Connections opened: WebSockets and legacy HTTP sessions|" + MetricUnits.NONE;
    private static final String MESSAGES_IN = "mcp.server.messages.received|JSON-RPC messages received|" + MetricUnits.NONE;
    private static final String MESSAGES_OUT = "mcp.server.messages.sent|JSON-RPC messages sent|" + MetricUnits.NONE;
    private static final String BYTES_IN = "mcp.server.received|UTF-8 bytes of messages received|" + MetricUnits.BYTES;
    private static final String BYTES_OUT = "mcp.server.sent|UTF-8 bytes of messages sent|" + MetricUnits.BYTES;

    /** The counter {@code spec} ("name|description|unit") of one transport. */
    private Counter counter(String spec, String transport) {
        String[] p = spec.split("\\|");
        return registry.counter(meta(p[0], p[1], p[2]), new Tag("transport", transport));
    }

    /** The counters of {@code transport}, registered when the application starts (a plain map lookup afterwards). */
    private Traffic traffic(String transport) {
        Traffic t = traffic.get(transport);
        return t != null ? t : traffic.computeIfAbsent(transport, k -> new Traffic(counter(OPENED, k),
                counter(MESSAGES_IN, k), counter(MESSAGES_OUT, k), counter(BYTES_IN, k), counter(BYTES_OUT, k)));
    }

    private static Metadata meta(String name, String description, String unit) {
        return Metadata.builder().withName(name).withDescription(description).withUnit(unit).build();
    }

    // ------------------------------------------------------------------ the instance behind the proxy

    /** This instance in a fan-out of one: {@code this} would come back as the CDI proxy. */
    @Override
    public TransportListener unproxiedTransportListener() {
        return new TransportListener.FanOut(java.util.List.of(this));
    }

    /** This instance in a fan-out of one: {@code this} would come back as the CDI proxy. */
    @Override
    public EngineListener unproxiedEngineListener() {
        return new EngineListener.FanOut(java.util.List.of(this));
    }

    // ------------------------------------------------------------------ engine

    @Override
    public void requestEnded(String method, String target, Era era, String outcome, long nanos) {
        String eraTag = era == null ? "none" : era == Era.LEGACY ? "legacy" : "stateless";
        // a key of the four strings (their hashes are cached), not one string built from them per request
        TimerKey key = new TimerKey(method, target, eraTag, outcome);
        Timer timer = requestTimers.get(key);
        if (timer == null) {
            timer = requestTimers.computeIfAbsent(key, k -> registry.timer(
                    meta("mcp.server.request.duration", "Duration of MCP requests by method, tool/prompt name, era and outcome", MetricUnits.SECONDS),
                    new Tag("method", method), new Tag("name", target), new Tag("era", eraTag), new Tag("outcome", outcome)));
        }
        timer.update(Duration.ofNanos(nanos));
    }

    private record TimerKey(String method, String target, String era, String outcome) {
    }

    // ------------------------------------------------------------------ transport

    @Override
    public void opened(String transport) {
        traffic(transport).opened().inc();
    }

    @Override
    public void closed(String transport, int closeCode) {
        String code = closeCodeTag(closeCode);
        closedByCode.computeIfAbsent(transport + code, c -> registry.counter(
                meta("mcp.server.connections.closed", "Connections closed, by transport and close code", MetricUnits.NONE),
                new Tag("transport", transport), new Tag("close_code", code))).inc();
    }

    /**
     * A close code as a tag: the codes of RFC 6455 (1000-1015) and the server's own (4000 heartbeat, 4408 idle HTTP
     * session); any other code, which a peer may choose freely (3000-4999), is {@code other}.
     */
    static String closeCodeTag(int code) {
        return (code >= 1000 && code <= 1015) || code == 4000 || code == 4408 ? Integer.toString(code) : "other";
    }

    @Override
    public void rejected(String reason) {
        rejectedByReason.computeIfAbsent(reason, r -> registry.counter(
                meta("mcp.server.handshakes.rejected", "Upgrades, sessions and requests refused before the engine, by reason", MetricUnits.NONE),
                new Tag("reason", r))).inc();
    }

    @Override
    public void received(String transport, int bytes) {
        Traffic t = traffic(transport);
        t.messagesIn().inc();
        t.bytesIn().inc(bytes);
    }

    @Override
    public void sent(String transport, int bytes) {
        Traffic t = traffic(transport);
        t.messagesOut().inc();
        t.bytesOut().inc(bytes);
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
