package dev.mcpws.client;

import java.util.Map;

/**
 * The trace context a request carries to the server in its {@code params._meta} (the W3C {@code traceparent},
 * {@code tracestate} and {@code baggage} keys, unprefixed, as SEP-414 and the OpenTelemetry MCP conventions have it),
 * so the server's span of the request becomes a child of the caller's span. Asked on the thread that makes the
 * request. Keys the application put into {@code _meta} itself are kept.
 */
@FunctionalInterface
public interface TracePropagation {

    /** Propagates nothing. */
    TracePropagation NONE = Map::of;

    /** The {@code _meta} entries for a request made now on this thread; empty for none. Must not throw. */
    Map<String, String> current();

    /**
     * OpenTelemetry's current context ({@code Context.current()}) in W3C form when the OpenTelemetry API
     * ({@code io.opentelemetry:opentelemetry-api}) is on the class path, else {@link #NONE}: the client needs no
     * OpenTelemetry at run time. The default of {@link McpClient.Builder#tracePropagation}.
     */
    static TracePropagation automatic() {
        try {
            Class.forName("io.opentelemetry.context.Context", false, TracePropagation.class.getClassLoader());
            Class.forName("io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator", false,
                    TracePropagation.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return NONE;
        }
        return OpenTelemetryPropagation.INSTANCE;
    }
}
