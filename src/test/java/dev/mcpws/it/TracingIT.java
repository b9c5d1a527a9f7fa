package dev.mcpws.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcpws.client.McpClient;
import dev.mcpws.client.McpErrorException;
import dev.mcpws.client.ProtocolEra;
import dev.mcpws.it.fixtures.FixtureTraced;
import dev.mcpws.it.support.OtlpReceiver;
import dev.mcpws.it.support.StdioProcess;
import dev.mcpws.it.support.OtlpReceiver.ReceivedSpan;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Scope;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Traces with MicroProfile Telemetry: this deployment turns the OpenTelemetry SDK on (application-level
 * configuration in its microprofile-config.properties) and exports over OTLP/HTTP (protobuf) to a receiver in this
 * test. Checked on what arrives there: span names, kind and the MCP semantic-convention attributes, the parent taken
 * from {@code params._meta} (our Java client's current span; a raw HTTP POST's {@code traceparent}), the spans of a
 * tool as children of the MCP span, errors, both transports, and the two {@code mcp.server.*} histograms.
 */
class TracingIT extends McpIT {

    static final OtlpReceiver OTLP = OtlpReceiver.start();
    static final Duration WAIT = Duration.ofSeconds(60);

    @Deployment(testable = false)
    public static WebArchive deployment() {
        return testWar(String.join("\n",
                "otel.sdk.disabled=false",
                "otel.service.name=mcp-tracing-it",
                "otel.traces.exporter=otlp",
                "otel.metrics.exporter=otlp",
                "otel.logs.exporter=none",
                "otel.exporter.otlp.protocol=http/protobuf",
                "otel.exporter.otlp.endpoint=" + OTLP.endpoint(),
                "otel.bsp.schedule.delay=100",
                "otel.metric.export.interval=500"))
                .addClass(FixtureTraced.class);
    }

    @AfterAll
    static void stopReceiver() {
        OTLP.close();
    }

    /** A caller's span context as a remote parent: what an instrumented application would have current. */
    static SpanContext callerSpan() {
        HexFormat hex = HexFormat.of();
        byte[] trace = new byte[16];
        byte[] span = new byte[8];
        ThreadLocalRandom.current().nextBytes(trace);
        ThreadLocalRandom.current().nextBytes(span);
        span[0] |= 1; // never all zero
        trace[0] |= 1;
        return SpanContext.create(hex.formatHex(trace), hex.formatHex(span), TraceFlags.getSampled(),
                TraceState.getDefault());
    }

    static ReceivedSpan awaitSpan(String what, Predicate<ReceivedSpan> filter) {
        await(what).atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> !OTLP.spans(filter).isEmpty());
        List<ReceivedSpan> found = OTLP.spans(filter);
        assertEquals(1, found.size(), what + ": " + found);
        return found.get(0);
    }

    static ReceivedSpan serverSpan(SpanContext caller, String name) {
        return awaitSpan(name + " in trace " + caller.getTraceId(),
                s -> s.traceId().equals(caller.getTraceId()) && s.name().equals(name));
    }

    @Test
    void aToolCallOfOurClientIsAServerSpanChildOfTheCallersSpan() {
        SpanContext caller = callerSpan();
        try (McpClient client = McpClient.builder(wsUri()).build()) {
            client.connect();
            try (Scope s = Span.wrap(caller).makeCurrent()) {
                assertEquals("traced", client.callTool("echo", Map.of("text", "traced")).text());
            }
        }
        ReceivedSpan span = serverSpan(caller, "tools/call echo");
        assertEquals(caller.getSpanId(), span.parentSpanId());
        assertEquals(io.opentelemetry.proto.trace.v1.Span.SpanKind.SPAN_KIND_SERVER, span.kind());
        assertEquals("dev.mcpws", span.scope());
        assertEquals("tools/call", span.attr("mcp.method.name"));
        assertEquals("echo", span.attr("gen_ai.tool.name"));
        assertEquals("execute_tool", span.attr("gen_ai.operation.name"));
        assertEquals("websocket", span.attr("network.protocol.name"));
        assertEquals("tcp", span.attr("network.transport"));
        assertEquals(MODERN, span.attr("mcp.protocol.version"));
        assertNotNull(span.attr("jsonrpc.request.id"));
        assertNull(span.attr("mcp.session.id"), "a 2026-07-28 request belongs to no session");
        assertNull(span.attr("error.type"));
        assertEquals(0, span.statusCode()); // UNSET
    }

    @Test
    void legacyRequestsNameTheirSessionFromInitializeOn() {
        SpanContext caller = callerSpan();
        try (McpClient client = McpClient.builder(wsUri()).era(ProtocolEra.LEGACY).build();
             Scope s = Span.wrap(caller).makeCurrent()) {
            client.connect();
            client.callTool("echo", Map.of("text", "legacy"));
        }
        ReceivedSpan init = serverSpan(caller, "initialize");
        ReceivedSpan call = serverSpan(caller, "tools/call echo");
        assertEquals(caller.getSpanId(), init.parentSpanId());
        assertEquals(caller.getSpanId(), call.parentSpanId());
        assertEquals(LEGACY, init.attr("mcp.protocol.version"));
        assertEquals(LEGACY, call.attr("mcp.protocol.version"));
        assertTrue(call.attr("mcp.session.id").startsWith("ws-"), call.toString());
        assertEquals(init.attr("mcp.session.id"), call.attr("mcp.session.id"));
    }

    @Test
    void spansTheToolStartsAreChildrenOfTheMcpSpan() {
        SpanContext caller = callerSpan();
        String innerId;
        try (McpClient client = McpClient.builder(wsUri()).build()) {
            client.connect();
            try (Scope s = Span.wrap(caller).makeCurrent()) {
                innerId = client.callTool("traced_work", Map.of()).text();
            }
        }
        ReceivedSpan mcp = serverSpan(caller, "tools/call traced_work");
        ReceivedSpan inner = awaitSpan("the tool's own span", s -> s.spanId().equals(innerId));
        assertEquals("inner-work", inner.name());
        assertEquals(caller.getTraceId(), inner.traceId());
        assertEquals(mcp.spanId(), inner.parentSpanId());
    }

    @Test
    void errorsSetErrorTypeAndTheStatus() {
        SpanContext caller = callerSpan();
        try (McpClient client = McpClient.builder(wsUri()).build()) {
            client.connect();
            try (Scope s = Span.wrap(caller).makeCurrent()) {
                McpErrorException unknown = assertThrows(McpErrorException.class,
                        () -> client.callTool("no_such_tool", Map.of()));
                assertEquals(-32602, unknown.code());
                assertTrue(client.callTool("fail_business", Map.of("why", "no")).isError());
            }
        }
        // a name the client made up is no span name (low cardinality): the span is named by the method alone
        ReceivedSpan unknown = serverSpan(caller, "tools/call");
        assertEquals("no_such_tool", unknown.attr("gen_ai.tool.name"));
        assertEquals("-32602", unknown.attr("error.type"));
        assertEquals("-32602", unknown.attr("rpc.response.status_code"));
        assertEquals(2, unknown.statusCode()); // ERROR
        assertTrue(unknown.statusMessage().contains("no_such_tool"), unknown.statusMessage());

        ReceivedSpan toolError = serverSpan(caller, "tools/call fail_business");
        assertEquals("tool_error", toolError.attr("error.type"));
        assertNull(toolError.attr("rpc.response.status_code"), "a tool error is a result, not a JSON-RPC error");
        assertEquals(2, toolError.statusCode());
    }

    @Test
    void promptsAndResourcesHaveTheirOwnAttributes() {
        SpanContext caller = callerSpan();
        try (McpClient client = McpClient.builder(wsUri()).build()) {
            client.connect();
            try (Scope s = Span.wrap(caller).makeCurrent()) {
                client.getPrompt("code_review", Map.of("code", "x = 1"));
                client.readResource("time://Europe/Paris");
            }
        }
        ReceivedSpan prompt = serverSpan(caller, "prompts/get code_review");
        assertEquals("code_review", prompt.attr("gen_ai.prompt.name"));
        assertNull(prompt.attr("gen_ai.operation.name"), "execute_tool is for tool calls only");
        // a resource URI is an attribute, never part of the span name (high cardinality)
        ReceivedSpan read = serverSpan(caller, "resources/read");
        assertEquals("time://Europe/Paris", read.attr("mcp.resource.uri"));
    }

    @Test
    void aStreamableHttpPostTakesItsParentFromMeta() throws Exception {
        SpanContext caller = callerSpan();
        String traceparent = "00-" + caller.getTraceId() + "-" + caller.getSpanId() + "-01";
        String body = "{\"jsonrpc\":\"2.0\",\"id\":\"h-1\",\"method\":\"tools/call\",\"params\":{\"name\":\"echo\","
                + "\"arguments\":{\"text\":\"over http\"},\"_meta\":{\"traceparent\":\"" + traceparent + "\","
                + "\"tracestate\":\"congo=t61rcWkgMzE\","
                + "\"io.modelcontextprotocol/protocolVersion\":\"" + MODERN + "\","
                + "\"io.modelcontextprotocol/clientCapabilities\":{}}}}";
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://" + base.getHost() + ":" + base.getPort() + base.getPath() + "mcp"))
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .header("MCP-Protocol-Version", MODERN).header("Mcp-Method", "tools/call").header("Mcp-Name", "echo")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        ReceivedSpan span = serverSpan(caller, "tools/call echo");
        assertEquals(caller.getSpanId(), span.parentSpanId());
        assertEquals("congo=t61rcWkgMzE", span.traceState());
        assertEquals("http", span.attr("network.protocol.name"));
        assertEquals("h-1", span.attr("jsonrpc.request.id"));
        assertNull(span.attr("mcp.session.id"));
    }

    @Test
    void theStdioBridgePassesTheHostsTraceContextOn() {
        SpanContext host = callerSpan();
        try (StdioProcess bridge = StdioProcess.bridge(wsUri())) {
            bridge.send(StdioProcess.request(1, "initialize", Json.createObjectBuilder().add("protocolVersion", LEGACY)
                    .add("capabilities", Json.createObjectBuilder())
                    .add("clientInfo", Json.createObjectBuilder().add("name", "host").add("version", "1")).build()));
            assertNotNull(bridge.awaitResponse(1, WAIT).getJsonObject("result"));
            bridge.send(StdioProcess.notification("notifications/initialized", JsonObject.EMPTY_JSON_OBJECT));
            bridge.send(StdioProcess.request(2, "tools/call", Json.createObjectBuilder().add("name", "echo")
                    .add("arguments", Json.createObjectBuilder().add("text", "via bridge"))
                    .add("_meta", Json.createObjectBuilder()
                            .add("traceparent", "00-" + host.getTraceId() + "-" + host.getSpanId() + "-01")).build()));
            assertNotNull(bridge.awaitResponse(2, WAIT).getJsonObject("result"));
        }
        ReceivedSpan span = serverSpan(host, "tools/call echo");
        assertEquals(host.getSpanId(), span.parentSpanId());
        assertEquals("2", span.attr("jsonrpc.request.id"));
    }

    @Test
    void operationAndSessionDurationsAreHistogramsInSeconds() {
        try (McpClient client = McpClient.builder(wsUri()).era(ProtocolEra.LEGACY).build()) {
            client.connect();
            client.callTool("echo", Map.of("text", "measured"));
        }
        List<Double> buckets = List.of(0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0, 2.0, 5.0, 10.0, 30.0, 60.0, 120.0, 300.0);
        HistogramDataPoint call = awaitPoint("mcp.server.operation.duration", p -> has(p, "mcp.method.name", "tools/call")
                && has(p, "gen_ai.tool.name", "echo") && has(p, "network.protocol.name", "websocket")
                && has(p, "mcp.protocol.version", LEGACY) && has(p, "gen_ai.operation.name", "execute_tool"));
        assertEquals(buckets, call.getExplicitBoundsList());
        assertTrue(call.getCount() >= 1);
        HistogramDataPoint session = awaitPoint("mcp.server.session.duration",
                p -> has(p, "network.protocol.name", "websocket") && has(p, "mcp.protocol.version", LEGACY));
        assertEquals(buckets, session.getExplicitBoundsList());
        assertTrue(session.getAttributesList().stream().noneMatch(a -> a.getKey().equals("error.type")),
                "a client that closes with 1000 ended its session normally");
        for (String name : List.of("mcp.server.operation.duration", "mcp.server.session.duration")) {
            assertTrue(OTLP.metrics(name).stream().allMatch(m -> m.getUnit().equals("s") && m.hasHistogram()), name);
        }
        assertEquals(List.of(), OTLP.problems());
    }

    static boolean has(HistogramDataPoint p, String key, String value) {
        return p.getAttributesList().stream().anyMatch(a -> a.getKey().equals(key)
                && a.getValue().getStringValue().equals(value));
    }

    static HistogramDataPoint awaitPoint(String metric, Predicate<HistogramDataPoint> filter) {
        await(metric).atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> point(metric, filter) != null);
        return point(metric, filter);
    }

    static HistogramDataPoint point(String metric, Predicate<HistogramDataPoint> filter) {
        for (Metric m : OTLP.metrics(metric)) {
            for (HistogramDataPoint p : m.getHistogram().getDataPointsList()) {
                if (filter.test(p)) {
                    return p;
                }
            }
        }
        return null;
    }
}
