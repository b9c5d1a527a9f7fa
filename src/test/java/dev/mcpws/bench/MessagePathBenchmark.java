package dev.mcpws.bench;

import dev.mcpws.api.Tool;
import dev.mcpws.engine.EngineSettings;
import dev.mcpws.engine.McpEngine;
import dev.mcpws.engine.McpSession;
import dev.mcpws.engine.ServerInfo;
import dev.mcpws.protocol.JsonRpcCodec;
import dev.mcpws.protocol.JsonRpcMessage;
import dev.mcpws.tools.ToolDefinition;
import dev.mcpws.tools.ToolIntrospector;
import dev.mcpws.tools.ToolRegistry;
import dev.mcpws.tools.ToolsFeature;
import java.lang.reflect.Method;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The MCP layer's cost per message, without sockets: decode a {@code tools/call} of the echo tool, dispatch it through
 * the engine (on the calling thread) and encode the response. Run: see BENCHMARKS.md.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class MessagePathBenchmark {

    static final String CALL = "{\"jsonrpc\":\"2.0\",\"id\":42,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\","
            + "\"arguments\":{\"text\":\"hello, benchmark\"}}}";

    /** The echo tool, as the example defines it. */
    public static class Echo {
        @Tool(name = "echo")
        public String echo(String text) {
            return text;
        }
    }

    /** Encodes whatever the engine sends, into the blackhole. */
    static final class EncodingConnection implements dev.mcpws.testing.OneOutputConnection {
        Blackhole sink;

        @Override
        public String id() {
            return "bench";
        }

        @Override
        public String transport() {
            return "bench";
        }

        @Override
        public void send(JsonRpcMessage message) {
            sink.consume(JsonRpcCodec.encode(message));
        }
    }

    private McpEngine engine;
    private McpSession session;
    private EncodingConnection connection;
    private JsonRpcMessage decoded;

    @Setup
    public void setUp() throws Exception {
        ToolRegistry tools = new ToolRegistry();
        Echo echo = new Echo();
        Method m = Echo.class.getMethod("echo", String.class);
        ToolDefinition def = ToolIntrospector.fromMethod(m, args -> m.invoke(echo, args));
        tools.add(def);
        engine = McpEngine.builder(new ServerInfo("bench", "1", null, null), dev.mcpws.testing.TestExecutor.inline())
                .features(List.of(new ToolsFeature(tools, 50))).settings(EngineSettings.DEFAULTS).build();
        connection = new EncodingConnection();
        session = engine.open(connection);
        connection.sink = new Blackhole("Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");
        engine.onMessage(session, JsonRpcCodec.decode("{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":"
                + "{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"b\",\"version\":\"1\"}}}"),
                connection);
        decoded = JsonRpcCodec.decode(CALL);
    }

    @Benchmark
    public JsonRpcMessage decode() {
        return JsonRpcCodec.decode(CALL);
    }

    /** For comparison: what a per-message {@code Json.createReader} (provider lookup, reader, object) costs. */
    @Benchmark
    public jakarta.json.JsonObject parseWithJsonCreateReader() {
        try (jakarta.json.JsonReader r = jakarta.json.Json.createReader(new java.io.StringReader(CALL))) {
            return r.readObject();
        }
    }

    @Benchmark
    public void dispatchAndEncode(Blackhole bh) {
        connection.sink = bh;
        engine.onMessage(session, decoded, connection);
    }

    @Benchmark
    public void decodeDispatchEncode(Blackhole bh) {
        connection.sink = bh;
        engine.onMessage(session, JsonRpcCodec.decode(CALL), connection);
    }
}
