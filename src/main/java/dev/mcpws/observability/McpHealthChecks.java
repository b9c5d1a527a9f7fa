package dev.mcpws.observability;

import dev.mcpws.cdi.McpServer;
import dev.mcpws.transport.websocket.WebSocketTransport;
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
    WebSocketTransport transport;

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
                .status(server.engine() != null && transport.settings() != null)
                .withData("tools", server.tools().size())
                .build();
    }

    /** Live: the heartbeat scheduler ticks, and the worker pool starts the requests given to it. */
    @Produces
    @Liveness
    HealthCheck live() {
        return () -> {
            long stallMs = TimeUnit.NANOSECONDS.toMillis(server.engine().dispatchStallNanos());
            return HealthCheckResponse.named("mcp-live")
                    .status(transport.heartbeatAlive() && stallMs < dispatchStallMs)
                    .withData("heartbeatIntervalMs", transport.settings().heartbeatIntervalMs())
                    .withData("msSinceHeartbeat", transport.millisSinceHeartbeat())
                    .withData("dispatchStallMs", stallMs)
                    .build();
        };
    }

    /** Ready: not draining, and below the connection cap. */
    @Produces
    @Readiness
    HealthCheck ready() {
        return () -> {
            int active = transport.activeConnections();
            int max = transport.settings().maxConnections();
            long legacy = server.engine().sessions().stream().filter(s -> s.handshake() != null).count();
            return HealthCheckResponse.named("mcp-ready")
                    .status(!transport.draining() && active < max)
                    .withData("draining", transport.draining())
                    .withData("activeConnections", active)
                    .withData("maxConnections", max)
                    .withData("legacySessions", legacy)
                    .withData("statelessConnections", active - legacy)
                    .withData("requestsInFlight", server.engine().inFlightCount())
                    .build();
        };
    }

}
