package dev.mcpws.it.support;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;

/**
 * A small OTLP/HTTP receiver (protobuf, {@code /v1/traces} and {@code /v1/metrics}) on a free loopback port: what an
 * OpenTelemetry collector would get, decoded with the official message classes and kept for the test to read.
 */
public final class OtlpReceiver implements AutoCloseable {

    /** One received span, flattened: ids in lower-case hex, string attributes only (ours are all strings). */
    public record ReceivedSpan(String traceId, String spanId, String parentSpanId, String traceState, String name,
                               Span.SpanKind kind, Map<String, String> attributes, int statusCode, String statusMessage,
                               String scope) {
        public String attr(String key) {
            return attributes.get(key);
        }
    }

    private final HttpServer server;
    private final List<ReceivedSpan> spans = new CopyOnWriteArrayList<>();
    private final List<Metric> metrics = new CopyOnWriteArrayList<>();
    private final List<String> problems = new CopyOnWriteArrayList<>();

    private OtlpReceiver(HttpServer server) {
        this.server = server;
    }

    public static OtlpReceiver start() {
        try {
            HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
            OtlpReceiver r = new OtlpReceiver(s);
            s.createContext("/v1/traces", ex -> {
                try (ex) {
                    r.traces(ExportTraceServiceRequest.parseFrom(body(ex.getRequestBody(), ex.getRequestHeaders().getFirst("Content-Encoding"))));
                    ok(ex);
                } catch (RuntimeException | IOException e) {
                    r.problems.add("traces: " + e);
                    ex.sendResponseHeaders(400, -1);
                }
            });
            s.createContext("/v1/metrics", ex -> {
                try (ex) {
                    ExportMetricsServiceRequest m = ExportMetricsServiceRequest.parseFrom(
                            body(ex.getRequestBody(), ex.getRequestHeaders().getFirst("Content-Encoding")));
                    m.getResourceMetricsList().forEach(rm -> rm.getScopeMetricsList().forEach(sm -> r.metrics.addAll(sm.getMetricsList())));
                    ok(ex);
                } catch (RuntimeException | IOException e) {
                    r.problems.add("metrics: " + e);
                    ex.sendResponseHeaders(400, -1);
                }
            });
            s.createContext("/", ex -> {
                try (ex) {
                    ex.getRequestBody().readAllBytes();
                    ok(ex); // logs, if ever sent: accepted and ignored
                }
            });
            s.start();
            return r;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static byte[] body(InputStream in, String encoding) throws IOException {
        return "gzip".equalsIgnoreCase(encoding) ? new GZIPInputStream(in).readAllBytes() : in.readAllBytes();
    }

    private static void ok(com.sun.net.httpserver.HttpExchange ex) throws IOException {
        ex.getResponseHeaders().add("Content-Type", "application/x-protobuf");
        ex.sendResponseHeaders(200, -1); // an empty Export*ServiceResponse
    }

    private void traces(ExportTraceServiceRequest req) {
        HexFormat hex = HexFormat.of();
        req.getResourceSpansList().forEach(rs -> rs.getScopeSpansList().forEach(ss -> ss.getSpansList().forEach(s ->
                spans.add(new ReceivedSpan(hex.formatHex(s.getTraceId().toByteArray()),
                        hex.formatHex(s.getSpanId().toByteArray()), hex.formatHex(s.getParentSpanId().toByteArray()),
                        s.getTraceState(), s.getName(), s.getKind(), s.getAttributesList().stream().collect(Collectors.toMap(KeyValue::getKey,
                                kv -> kv.getValue().hasStringValue() ? kv.getValue().getStringValue() : kv.getValue().toString().trim(),
                                (a, b) -> b)),
                        s.getStatus().getCodeValue(), s.getStatus().getMessage(), ss.getScope().getName())))));
    }

    /** {@code http://127.0.0.1:port}: the value of {@code otel.exporter.otlp.endpoint}. */
    public String endpoint() {
        return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort();
    }

    public List<ReceivedSpan> spans() {
        return List.copyOf(spans);
    }

    /** The spans received so far that match. */
    public List<ReceivedSpan> spans(Predicate<ReceivedSpan> filter) {
        return spans.stream().filter(filter).toList();
    }

    public List<Metric> metrics(String name) {
        return metrics.stream().filter(m -> m.getName().equals(name)).toList();
    }

    /** Requests that could not be decoded (should stay empty). */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
