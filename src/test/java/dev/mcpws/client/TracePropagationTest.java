package dev.mcpws.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.mcpws.protocol.Json2;
import dev.mcpws.protocol.JsonRpcRequest;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What a request carries in {@code _meta} of the caller's trace context, and when it carries nothing. */
class TracePropagationTest {

    static final SpanContext CALLER = SpanContext.create("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7",
            TraceFlags.getSampled(), TraceState.builder().put("congo", "t61rcWkgMzE").build());

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final WireRecorder wire = new WireRecorder();

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    /** A table whose wire form is the real one of a 2026-07-28 client, propagating with {@code propagation}. */
    private JsonObject sentMeta(TracePropagation propagation, JsonObject params, Context context) throws Exception {
        EraProbe probe = new EraProbe(McpClient.builder("ws://h/mcp").era(ProtocolEra.MODERN));
        RequestTable t = new RequestTable(wire, scheduler, probe::wire, Duration.ofSeconds(5));
        t.tracePropagation(propagation);
        t.markReady();
        try (Scope s = context.makeCurrent()) {
            t.request("tools/call", params);
        }
        JsonRpcRequest sent = wire.nextRequest();
        return Json2.object(sent.params(), "_meta");
    }

    private static JsonObject call() {
        return Json2.object().add("name", "echo").build();
    }

    @Test
    void theCurrentSpanAndBaggageGoIntoMetaAsW3cEntries() throws Exception {
        Context context = Context.root().with(Span.wrap(CALLER)).with(Baggage.builder().put("tenant", "acme").build());
        JsonObject meta = sentMeta(TracePropagation.automatic(), call(), context);
        assertEquals("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", meta.getString("traceparent"));
        assertEquals("congo=t61rcWkgMzE", meta.getString("tracestate"));
        assertEquals("tenant=acme", meta.getString("baggage"));
    }

    @Test
    void nothingWithoutACurrentContextOrWithPropagationOff() throws Exception {
        assertFalse(sentMeta(TracePropagation.automatic(), call(), Context.root()).containsKey("traceparent"));
        assertFalse(sentMeta(TracePropagation.NONE, call(), Context.root().with(Span.wrap(CALLER)))
                .containsKey("traceparent"));
    }

    @Test
    void theApplicationsOwnMetaWinsAndAHookMaySupplyAnyTracersContext() throws Exception {
        JsonObject own = Json2.object().add("name", "echo").add("_meta", Json2.object()
                .add("traceparent", "00-11111111111111111111111111111111-2222222222222222-01")).build();
        JsonObject meta = sentMeta(TracePropagation.automatic(), own, Context.root().with(Span.wrap(CALLER)));
        assertEquals("00-11111111111111111111111111111111-2222222222222222-01", meta.getString("traceparent"));

        TracePropagation hook = () -> Map.of("traceparent", "00-33333333333333333333333333333333-4444444444444444-00");
        assertEquals("00-33333333333333333333333333333333-4444444444444444-00",
                sentMeta(hook, call(), Context.root()).getString("traceparent"));
    }

    @Test
    void theBuilderPropagatesAutomaticallyByDefault() {
        assertSame(TracePropagation.automatic(), McpClient.builder("ws://h/mcp").tracePropagation);
    }
}
