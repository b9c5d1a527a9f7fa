package dev.mcpws.observability;

import dev.mcpws.cdi.McpServer;
import dev.mcpws.transport.Connections;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/** The MCP server's MicroProfile Health checks: {@code /health/started}, {@code /health/live}, {@code /health/ready}. */
@ApplicationScoped
public class McpHealthChecks {

    @Inject
    McpServer server;

    @Inject
    Connections connections;

    @Inject
    @ConfigProperty(name = "mcp.health.dispatch-stall-ms", defaultValue = "30000")
    long dispatchStallMs;

    /** Created when the application starts, so its configuration is read with the application's class loader. */
    void onStartup(@Observes jakarta.enterprise.event.Startup startup) {
        // nothing to do: being called makes the container create this bean now
    }

    /** Started: the registries are built and the endpoint's engine exists. */
    @Produces
    @org.eclipse.microprofile.health.Startup
    HealthCheck started() {
        return () -> HealthCheckResponse.named("mcp-started")
                .status(server.engine() != null && connections.settings() != null)
                .withData("tools", server.tools().size())
                .build();
    }

    /**
     * Live: the worker pool starts the requests given to it, and the container's scheduler runs the transports'
     * periodic tasks (the WebSocket heartbeat, the HTTP housekeeping): a task two periods late means it is stuck.
     */
    @Produces
    @Liveness
    HealthCheck live() {
        return () -> {
            long stallMs = TimeUnit.NANOSECONDS.toMillis(server.engine().dispatchStallNanos());
            var late = connections.lateTasks();
            var b = HealthCheckResponse.named("mcp-live")
                    .status(late.isEmpty() && stallMs < dispatchStallMs)
                    .withData("dispatchStallMs", stallMs)
                    .withData("lateTasks", String.join(",", late));
            connections.millisSinceTicks().forEach((task, ms) -> b.withData("msSince-" + task, ms));
            return b.build();
        };
    }

    /**
     * In cluster mode only: the link to Redis ({@code clusterLink} up or down), this node's id and the reconnects so
     * far. The link does not decide readiness: a node whose Redis is down still serves its own clients fully (only the
     * other nodes' notifications miss them), and taking every node out of the load balancer because the one Redis they
     * share is down would turn a lost hint into an outage.
     */
    private void cluster(org.eclipse.microprofile.health.HealthCheckResponseBuilder b) {
        var status = server.clusterStatus();
        if (status.enabled()) {
            b.withData("clusterLink", status.connected() ? "up" : "down")
                    .withData("clusterNode", status.node())
                    .withData("clusterReconnects", status.reconnects());
        }
    }

    /**
     * Ready: not draining, and below the connection cap. The counts add up: {@code activeConnections} =
     * {@code websocketConnections} + {@code httpSessions} = {@code legacySessions} + {@code statelessConnections}.
     */
    @Produces
    @Readiness
    HealthCheck ready() {
        return () -> {
            Connections.Counts counts = connections.counts(); // one reading, so that its parts add up
            int max = connections.settings().maxConnections();
            var b = HealthCheckResponse.named("mcp-ready")
                    .status(!connections.draining() && counts.active() < max)
                    .withData("draining", connections.draining())
                    .withData("activeConnections", counts.active())
                    .withData("maxConnections", max)
                    .withData("websocketConnections", counts.of("websocket"))
                    .withData("httpSessions", counts.of("http"))
                    .withData("legacySessions", counts.legacy())
                    .withData("statelessConnections", counts.stateless())
                    .withData("requestsInFlight", server.engine().inFlightCount());
            cluster(b);
            return b.build();
        };
    }
}
