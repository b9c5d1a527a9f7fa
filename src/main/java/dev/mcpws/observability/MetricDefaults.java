package dev.mcpws.observability;

import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Defaults for how MicroProfile Metrics keeps this application's timers, at an ordinal (90) below the application's
 * own {@code META-INF/microprofile-config.properties} (100), server variables and the environment, so any of them
 * can override. {@code mcp_server_request_duration_seconds} has one series per method, tool, era and outcome: with
 * the default client-side quantiles each series keeps several HdrHistograms (hundreds of KB), which a soak showed
 * growing the heap as new combinations appeared. Instead it publishes histogram buckets (a counter each, and they add
 * up across nodes, which quantiles do not); the heartbeat's single RTT timer keeps its quantiles.
 */
public final class MetricDefaults implements ConfigSource {

    /** Upper bounds of the request-duration buckets: 1 ms to 60 s. */
    static final String BUCKETS = "1ms,5ms,10ms,25ms,50ms,100ms,250ms,500ms,1s,2500ms,5s,10s,30s,60s";

    private static final Map<String, String> DEFAULTS = Map.of(
            "mp.metrics.distribution.percentiles", "mcp.server.request.duration=",
            "mp.metrics.distribution.timer.buckets", "mcp.server.request.duration=" + BUCKETS);

    @Override
    public Set<String> getPropertyNames() {
        return DEFAULTS.keySet();
    }

    @Override
    public String getValue(String propertyName) {
        return DEFAULTS.get(propertyName);
    }

    @Override
    public String getName() {
        return "mcp-websocket metric defaults";
    }

    @Override
    public int getOrdinal() {
        return 90;
    }
}
