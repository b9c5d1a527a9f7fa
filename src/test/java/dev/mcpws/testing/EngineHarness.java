package dev.mcpws.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import dev.mcpws.engine.EngineSettings;
import dev.mcpws.engine.McpEngine;
import dev.mcpws.engine.McpSession;
import dev.mcpws.engine.ServerFeature;
import dev.mcpws.engine.ServerInfo;
import dev.mcpws.protocol.JsonRpcCodec;
import dev.mcpws.protocol.JsonRpcMessage;
import dev.mcpws.protocol.JsonRpcRequest;
import dev.mcpws.protocol.RequestId;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Drives a real {@link McpEngine} with the features under test, without a socket: requests run on the calling thread
 * (asynchronous results complete wherever they complete), and every message the engine sends is kept as JSON.
 */
public final class EngineHarness {

    public static final String MODERN = "2026-07-28";

    private final McpEngine engine;

    public EngineHarness(ServerFeature... features) {
        this.engine = McpEngine.builder(new ServerInfo("unit", "1.0", null, null), TestExecutor.inline())
                .features(List.of(features)).settings(new EngineSettings(5000, "private")).build();
    }

    public McpEngine engine() {
        return engine;
    }

    /** A connection that completed the legacy handshake with {@code version}. */
    public Client legacy(String version) {
        Client c = new Client(false);
        c.initializeResult = c.result("initialize", Json.createObjectBuilder().add("protocolVersion", version)
                .add("capabilities", Json.createObjectBuilder())
                .add("clientInfo", Json.createObjectBuilder().add("name", "unit").add("version", "1")).build());
        assertEquals(version, c.initializeResult.getString("protocolVersion"));
        return c;
    }

    /** A connection whose requests all carry the 2026-07-28 {@code _meta}. */
    public Client modern() {
        return new Client(true);
    }

    /** One client connection. */
    public final class Client {
        private final boolean modern;
        private final McpSession session;
        private final BlockingQueue<JsonObject> inbox = new LinkedBlockingQueue<>();
        private final Connection connection = new Connection(inbox);
        private final List<JsonObject> notifications = new ArrayList<>();
        private final AtomicLong ids = new AtomicLong();
        private JsonObject initializeResult;

        Client(boolean modern) {
            this.modern = modern;
            this.session = engine.open(connection);
        }

        public JsonObject initializeResult() {
            return initializeResult;
        }

        /** Sends a request and returns the whole response ({@code result} or {@code error}). */
        public JsonObject request(String method, JsonObject params) {
            JsonObjectBuilder p = params == null ? Json.createObjectBuilder() : Json.createObjectBuilder(params);
            if (modern) {
                p.add("_meta", Json.createObjectBuilder()
                        .add("io.modelcontextprotocol/protocolVersion", MODERN)
                        .add("io.modelcontextprotocol/clientCapabilities", Json.createObjectBuilder()));
            }
            long id = ids.incrementAndGet();
            engine.onMessage(session, new JsonRpcRequest(RequestId.of(id), method, p.build()), connection);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            try {
                while (true) {
                    JsonObject m = inbox.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                    if (m == null) {
                        fail("no response to " + method);
                    }
                    if (m.containsKey("method")) {
                        notifications.add(m);
                    } else if (m.getJsonNumber("id").longValue() == id) {
                        return m;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }

        /** Sends a request and returns its result, failing on an error. */
        public JsonObject result(String method, JsonObject params) {
            JsonObject r = request(method, params);
            if (!r.containsKey("result")) {
                fail(method + " failed: " + r);
            }
            return r.getJsonObject("result");
        }

        /** Sends a request and returns its error object, failing on a result or another code. */
        public JsonObject error(String method, JsonObject params, int code) {
            JsonObject r = request(method, params);
            assertNotNull(r.get("error"), () -> "expected error " + code + ", got " + r);
            JsonObject e = r.getJsonObject("error");
            assertEquals(code, e.getInt("code"), () -> "error code in " + r);
            return e;
        }

        /** The notifications received so far (and any queued now). */
        public List<JsonObject> notifications() {
            List<JsonObject> rest = new ArrayList<>();
            inbox.drainTo(rest);
            rest.stream().filter(m -> m.containsKey("method")).forEach(notifications::add);
            return notifications;
        }
    }

    /** A connection that is also the channel of its requests, as a socket is. */
    private record Connection(BlockingQueue<JsonObject> inbox) implements OneOutputConnection {
        @Override
        public String id() {
            return "unit";
        }

        @Override
        public void send(JsonRpcMessage message) {
            inbox.add(Json.createReader(new StringReader(JsonRpcCodec.encode(message))).readObject());
        }
    }

}
