package dev.mcpws.example;

import dev.mcpws.api.Tool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import org.eclipse.microprofile.metrics.Gauge;
import org.eclipse.microprofile.metrics.MetricID;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * An administrator's tool: what the server is serving now, read from its own MicroProfile Metrics. It requires the
 * scope {@code mcp:admin}, so it is invisible to every caller without such a token, and to everybody while
 * authentication is off: a laptop server never shows it.
 */
@ApplicationScoped
public class ServerStats {

    /** The answer (sent as {@code structuredContent}). */
    public record Stats(long webSocketConnections, long httpSessions, long legacySessions, long statelessSessions,
                        long requestsInFlight, long uptimeSeconds) {
    }

    @Inject
    MetricRegistry metrics;

    @Tool(name = "server_stats", title = "Server statistics", scopes = "mcp:admin",
            description = "Open connections by transport, sessions by protocol era, requests in flight and uptime.",
            annotations = @Tool.Annotations(readOnlyHint = true, destructiveHint = false, idempotentHint = false,
                    openWorldHint = false))
    public Stats serverStats() {
        return new Stats(gauge("mcp.server.connections.active", new Tag("transport", "websocket")),
                gauge("mcp.server.connections.active", new Tag("transport", "http")),
                gauge("mcp.server.sessions", new Tag("era", "legacy")),
                gauge("mcp.server.sessions", new Tag("era", "stateless")),
                gauge("mcp.server.requests.in_flight"),
                ManagementFactory.getRuntimeMXBean().getUptime() / 1000);
    }

    private long gauge(String name, Tag... tags) {
        Gauge<?> g = metrics.getGauge(new MetricID(name, tags));
        return g == null || g.getValue() == null ? 0 : g.getValue().longValue();
    }
}
