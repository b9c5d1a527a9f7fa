package dev.mcpws.observability;

import dev.mcpws.diagnostics.Messages;
import dev.mcpws.engine.MethodSpec;
import dev.mcpws.engine.RequestTrace;
import dev.mcpws.engine.RequestTracer;
import dev.mcpws.protocol.ErrorCodes;
import dev.mcpws.transport.TransportListener;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;

/**
 * OpenTelemetry traces and histograms of the MCP server, after the OpenTelemetry semantic conventions for MCP
 * ({@code docs/gen-ai/mcp.md}, status Development): one SERVER span per request, named
 * {@code {mcp.method.name} {target}} (target: the tool or prompt name), its parent taken from
 * {@code params._meta.traceparent}/{@code tracestate} (and baggage), current on the worker thread that runs the method;
 * and the histograms {@code mcp.server.operation.duration} and {@code mcp.server.session.duration}. Works through the
 * OpenTelemetry instance of MicroProfile Telemetry; while its SDK is disabled ({@code otel.sdk.disabled}, true by
 * default) it reports itself {@linkplain #enabled() off} and the engine does no tracing work at all.
 */
@ApplicationScoped
public class McpTracing implements RequestTracer, TransportListener {

    private static final Logger LOG = Logger.getLogger(McpTracing.class.getName());

    /** The instrumentation scope of our spans and instruments. */
    static final String SCOPE = "dev.mcpws";

    static final AttributeKey<String> METHOD = AttributeKey.stringKey("mcp.method.name");
    static final AttributeKey<String> PROTOCOL_VERSION = AttributeKey.stringKey("mcp.protocol.version");
    static final AttributeKey<String> SESSION_ID = AttributeKey.stringKey("mcp.session.id");
    static final AttributeKey<String> RESOURCE_URI = AttributeKey.stringKey("mcp.resource.uri");
    static final AttributeKey<String> REQUEST_ID = AttributeKey.stringKey("jsonrpc.request.id");
    static final AttributeKey<String> TOOL_NAME = AttributeKey.stringKey("gen_ai.tool.name");
    static final AttributeKey<String> PROMPT_NAME = AttributeKey.stringKey("gen_ai.prompt.name");
    static final AttributeKey<String> OPERATION = AttributeKey.stringKey("gen_ai.operation.name");
    static final AttributeKey<String> NETWORK_PROTOCOL = AttributeKey.stringKey("network.protocol.name");
    static final AttributeKey<String> NETWORK_TRANSPORT = AttributeKey.stringKey("network.transport");
    static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
    static final AttributeKey<String> STATUS_CODE = AttributeKey.stringKey("rpc.response.status_code");

    /** The bucket boundaries the conventions give for both histograms, in seconds. */
    static final List<Double> BUCKETS = List.of(0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0, 2.0, 5.0, 10.0, 30.0, 60.0,
            120.0, 300.0);

    /** Close codes of a session that ended normally (no {@code error.type}): normal, going away, none given, idle. */
    static final Set<Integer> NORMAL_CLOSES = Set.of(1000, 1001, 1005, 4408);

    /** Reads the W3C keys ({@code traceparent}, {@code tracestate}, {@code baggage}) from a request's {@code _meta}. */
    static final TextMapGetter<JsonObject> META = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(JsonObject meta) {
            return meta.keySet();
        }

        @Override
        public String get(JsonObject meta, String key) {
            return meta != null && meta.get(key) instanceof JsonString s ? s.getString() : null;
        }
    };

    @Inject
    OpenTelemetry openTelemetry;

    private volatile boolean enabled;
    private Tracer tracer;
    private TextMapPropagator propagator;
    private DoubleHistogram operationDuration;
    private DoubleHistogram sessionDuration;

    @PostConstruct
    void start() {
        tracer = openTelemetry.getTracer(SCOPE);
        // a disabled SDK hands out the no-op API, whose spans have no valid context; this probe is never ended, so
        // nothing is exported for it
        enabled = tracer.spanBuilder("mcp-tracing-probe").startSpan().getSpanContext().isValid();
        if (!enabled) {
            return;
        }
        propagator = openTelemetry.getPropagators().getTextMapPropagator();
        Meter meter = openTelemetry.getMeter(SCOPE);
        operationDuration = meter.histogramBuilder("mcp.server.operation.duration").setUnit("s")
                .setDescription("MCP request duration as observed on the receiver from the time it was received "
                        + "until the result or ack is sent.")
                .setExplicitBucketBoundariesAdvice(BUCKETS).build();
        sessionDuration = meter.histogramBuilder("mcp.server.session.duration").setUnit("s")
                .setDescription("The duration of the MCP session as observed on the MCP server.")
                .setExplicitBucketBoundariesAdvice(BUCKETS).build();
        Messages.TRACING_ON.log(LOG, null, SCOPE);
    }

    /** This instance in a fan-out of one: {@code this} would come back as the CDI proxy. */
    @Override
    public TransportListener unproxiedTransportListener() {
        return new TransportListener.FanOut(java.util.List.of(this));
    }

    @Override
    public boolean enabled() {
        return enabled;
    }

    // ------------------------------------------------------------------ requests

    @Override
    public RequestTrace start(Arrival a) {
        if (!enabled) {
            return RequestTrace.NONE;
        }
        Context parent = propagator.extract(Context.root(), a.meta(), META);
        MethodSpec.Target kind = a.targetKind();
        String target = a.target();
        boolean named = kind != null && kind.bounded() && target != null;
        SpanBuilder b = tracer.spanBuilder(named ? a.method() + ' ' + target : a.method())
                .setSpanKind(SpanKind.SERVER)
                .setParent(parent)
                .setAttribute(METHOD, a.method())
                .setAttribute(REQUEST_ID, String.valueOf(a.id().value()))
                .setAttribute(NETWORK_PROTOCOL, a.transport())
                .setAttribute(NETWORK_TRANSPORT, "tcp");
        if (target != null) {
            switch (kind) {
                case TOOL -> b.setAttribute(TOOL_NAME, target).setAttribute(OPERATION, "execute_tool");
                case PROMPT -> b.setAttribute(PROMPT_NAME, target);
                case URI -> b.setAttribute(RESOURCE_URI, target);
            }
        } else if (kind == MethodSpec.Target.TOOL) {
            b.setAttribute(OPERATION, "execute_tool");
        }
        // the transport's own context (e.g. an HTTP server span), if any, is linked, not the parent: one HTTP request
        // is not one MCP request
        SpanContext ambient = Span.current().getSpanContext();
        if (ambient.isValid()) {
            b.addLink(ambient);
        }
        return new Trace(b.startSpan(), parent, a, named, System.nanoTime());
    }

    /** One request's span, and what its duration is recorded with. */
    private final class Trace implements RequestTrace {
        private final Span span;
        private final Context context;
        private final Arrival arrival;
        private final boolean named;
        private final long startNanos;

        Trace(Span span, Context parent, Arrival arrival, boolean named, long startNanos) {
            this.span = span;
            this.context = parent.with(span);
            this.arrival = arrival;
            this.named = named;
            this.startNanos = startNanos;
        }

        @Override
        public Scope enter() {
            io.opentelemetry.context.Scope s = context.makeCurrent();
            return s::close;
        }

        @Override
        public void end(End end) {
            long nanos = System.nanoTime() - startNanos;
            String errorType = null;
            if (end.errorCode() != null) {
                errorType = Integer.toString(end.errorCode());
                span.setAttribute(STATUS_CODE, errorType);
                span.setStatus(StatusCode.ERROR, end.errorMessage() == null ? "" : end.errorMessage());
            } else if ("tool_error".equals(end.outcome())) {
                errorType = "tool_error";
                span.setStatus(StatusCode.ERROR);
            }
            // an unknown tool or prompt (-32602) names a target the client made up: keep it out of the span name and
            // the histogram, whose attributes must stay few
            boolean madeUp = named && end.errorCode() != null && end.errorCode() == ErrorCodes.INVALID_PARAMS;
            if (madeUp) {
                span.updateName(arrival.method());
            }
            if (errorType != null) {
                span.setAttribute(ERROR_TYPE, errorType);
            }
            if (end.protocolVersion() != null) {
                span.setAttribute(PROTOCOL_VERSION, end.protocolVersion());
            }
            if (end.sessionId() != null) {
                span.setAttribute(SESSION_ID, end.sessionId());
            }
            span.end();
            AttributesBuilder m = Attributes.builder()
                    .put(METHOD, arrival.method())
                    .put(NETWORK_PROTOCOL, arrival.transport())
                    .put(NETWORK_TRANSPORT, "tcp");
            if (arrival.targetKind() == MethodSpec.Target.TOOL) {
                m.put(OPERATION, "execute_tool");
            }
            if (arrival.target() != null && !madeUp) {
                if (arrival.targetKind() == MethodSpec.Target.TOOL) {
                    m.put(TOOL_NAME, arrival.target());
                } else if (arrival.targetKind() == MethodSpec.Target.PROMPT) {
                    m.put(PROMPT_NAME, arrival.target());
                }
            }
            if (errorType != null) {
                m.put(ERROR_TYPE, errorType);
            }
            if (end.errorCode() != null) {
                m.put(STATUS_CODE, errorType);
            }
            if (end.protocolVersion() != null) {
                m.put(PROTOCOL_VERSION, end.protocolVersion());
            }
            operationDuration.record(nanos / 1e9, m.build());
        }
    }

    // ------------------------------------------------------------------ sessions

    @Override
    public void sessionEnded(String transport, String protocolVersion, int closeCode, long nanos) {
        if (!enabled) {
            return;
        }
        AttributesBuilder m = Attributes.builder().put(NETWORK_PROTOCOL, transport).put(NETWORK_TRANSPORT, "tcp");
        if (protocolVersion != null) {
            m.put(PROTOCOL_VERSION, protocolVersion);
        }
        if (!NORMAL_CLOSES.contains(closeCode)) {
            m.put(ERROR_TYPE, Integer.toString(closeCode));
        }
        sessionDuration.record(nanos / 1e9, m.build());
    }
}
