package dev.mcpws.contract;

import dev.mcpws.engine.EngineSettings;
import dev.mcpws.engine.InputSettings;
import dev.mcpws.engine.McpEngine;
import dev.mcpws.engine.McpSession;
import dev.mcpws.engine.RequestStates;
import dev.mcpws.engine.ServerInfo;
import dev.mcpws.protocol.JsonRpcCodec;
import dev.mcpws.protocol.JsonRpcMessage;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.Base64;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A client connection straight into a real engine, no sockets: JSON text in through the codec, every message the
 * engine sends back out as JSON into the inbox, in order. <b>The only class of the contract suite that touches the
 * engine's API</b> (construction, connections, sessions, onMessage/onClose), so an engine API change is adapted here.
 */
public final class InMemoryWire implements Wire {

    /** The in-memory server: the engine configured like the contract deployment, on a real worker pool. */
    public static final class Server implements AutoCloseable {
        final McpEngine engine;
        private final ExecutorService workers = Executors.newFixedThreadPool(8, daemon("contract-worker"));
        private final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, daemon("contract-timeouts"));
        private final AtomicInteger connections = new AtomicInteger();

        /**
         * @param pageSize         {@code mcp.list.page-size}
         * @param maxInFlight      {@code mcp.limits.max-in-flight}
         * @param requestTimeoutMs {@code mcp.request.timeout-ms}
         */
        public Server(int pageSize, int maxInFlight, long requestTimeoutMs, String mrtrSecret, Class<?>... beans) {
            InMemoryFeatures f = new InMemoryFeatures(pageSize, beans);
            engine = McpEngine.builder(new ServerInfo("mcp-it", "9.9.9", "MCP IT server", "Use the echo tool."), workers)
                    .features(f.features).timer(timer)
                    .settings(new EngineSettings(1234, "public", maxInFlight, requestTimeoutMs))
                    .inputSettings(new InputSettings(120_000, new RequestStates(Base64.getDecoder().decode(mrtrSecret), 600_000)))
                    .build();
            f.tools.onChange(() -> engine.notifyLegacySessions("notifications/tools/list_changed", JsonValue.EMPTY_JSON_OBJECT));
            f.resources.onChange(() -> engine.notifyLegacySessions("notifications/resources/list_changed",
                    JsonValue.EMPTY_JSON_OBJECT));
        }

        public Wire connect() {
            return new InMemoryWire(this, "mem-" + connections.incrementAndGet());
        }

        @Override
        public void close() {
            workers.shutdownNow();
            timer.shutdownNow();
        }

        private static java.util.concurrent.ThreadFactory daemon(String name) {
            return r -> {
                Thread t = new Thread(r, name);
                t.setDaemon(true);
                return t;
            };
        }
    }

    private final Server server;
    private final Inbox inbox = new Inbox();
    private final McpSession session;
    /** The connection is also the channel of its requests, as a WebSocket is: one ordered output. */
    private final Connection connection;

    private interface Connection extends dev.mcpws.testing.OneOutputConnection {
    }

    private InMemoryWire(Server server, String id) {
        this.server = server;
        this.connection = new Connection() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public String transport() {
                return "memory";
            }

            @Override
            public void send(JsonRpcMessage message) {
                JsonValue v = Json.createReader(new StringReader(JsonRpcCodec.encode(message))).readValue();
                inbox.add(v instanceof JsonObject o ? o : Json.createObjectBuilder().add("batch", v).build());
            }
        };
        this.session = server.engine.open(connection);
    }

    @Override
    public synchronized void send(JsonObject message, boolean modern) {
        // one message at a time, in order, as a WebSocket endpoint delivers them
        server.engine.onMessage(session, JsonRpcCodec.decode(message.toString()), connection);
    }

    @Override
    public synchronized void sendBatch(jakarta.json.JsonArray batch) {
        server.engine.onMessage(session, JsonRpcCodec.decode(batch.toString()), connection);
    }

    @Override
    public void cancel(JsonValue id, boolean modern) {
        send(Json.createObjectBuilder().add("jsonrpc", "2.0").add("method", "notifications/cancelled")
                .add("params", Json.createObjectBuilder().add("requestId", id).add("reason", "test cancel")).build(), modern);
    }

    @Override
    public Inbox inbox() {
        return inbox;
    }

    @Override
    public void close() {
        server.engine.onClose(session);
    }
}
