package dev.mcpws.client;

import io.opentelemetry.api.baggage.propagation.W3CBaggagePropagator;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@link TracePropagation#automatic()} when the OpenTelemetry API is present: the current context through the W3C
 * trace-context and baggage propagators. Loaded only after that check, so the client runs without OpenTelemetry.
 */
final class OpenTelemetryPropagation implements TracePropagation {

    static final OpenTelemetryPropagation INSTANCE = new OpenTelemetryPropagation();

    private static final TextMapPropagator W3C = TextMapPropagator.composite(W3CTraceContextPropagator.getInstance(),
            W3CBaggagePropagator.getInstance());

    private OpenTelemetryPropagation() {
    }

    @Override
    public Map<String, String> current() {
        Context context = Context.current();
        if (context == Context.root()) {
            return Map.of();
        }
        Map<String, String> carrier = new LinkedHashMap<>(4);
        W3C.inject(context, carrier, (c, k, v) -> c.put(k, v));
        return carrier;
    }
}
