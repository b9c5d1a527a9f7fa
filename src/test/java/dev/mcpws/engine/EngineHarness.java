package dev.mcpws.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.mcpws.protocol.JsonRpcCodec;
import dev.mcpws.protocol.JsonRpcMessage;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Drives a real {@link McpEngine} on a real thread pool through a {@link RecordingConnection}, the way the WebSocket
 * transport does: every input is JSON text decoded by {@link JsonRpcCodec}, every output is recorded as the exact
 * JSON text the transport would send. Close it after each test (it shuts the pool down).
 */
public final class EngineHarness implements AutoCloseable {

    /** How long a test waits for an expected message before failing. */
    public static final long TIMEOUT_MS = 5_000;

    public static final ServerInfo SERVER_INFO =
            new ServerInfo("test-server", "1.2.3", "Test Server", "Use the test methods.");

    public static final String PROTOCOL_VERSION_KEY = "io.modelcontextprotocol/protocolVersion";
    public static final String CLIENT_CAPABILITIES_KEY = "io.modelcontextprotocol/clientCapabilities";
    public static final String CLIENT_INFO_KEY = "io.modelcontextprotocol/clientInfo";
    public static final String SERVER_INFO_KEY = "io.modelcontextprotocol/serverInfo";

    public final ExecutorService executor = Executors.newFixedThreadPool(4);
    public final RecordingConnection connection = new RecordingConnection("conn-1");
    public final McpEngine engine;
    public final McpSession session;

    public EngineHarness(List<ServerFeature> features) {
        this(features, EngineSettings.DEFAULTS);
    }

    public EngineHarness(List<ServerFeature> features, EngineSettings settings) {
        this(features, settings, b -> { });
    }

    /** @param custom sets what else the engine is built with (input settings, observers) */
    public EngineHarness(List<ServerFeature> features, EngineSettings settings,
                         java.util.function.Consumer<McpEngine.Builder> custom) {
        McpEngine.Builder b = McpEngine.builder(SERVER_INFO, executor).features(features).settings(settings);
        custom.accept(b);
        this.engine = b.build();
        this.session = engine.open(connection);
    }

    // ------------------------------------------------------------------ input

    /** Hands raw text to the engine exactly as the transport does (decode, then onMessage). */
    public void sendText(String text) {
        JsonRpcMessage m = JsonRpcCodec.decode(text);
        engine.onMessage(session, m, connection.channelFor(m));
    }

    public void send(JsonValue message) {
        sendText(JsonRpcCodec.toText(message));
    }

    /** Sends a message and returns the next text sent to the client. */
    public String exchange(JsonValue message) {
        send(message);
        return connection.next();
    }

    /** Sends a message and returns the next message sent to the client, parsed. */
    public JsonObject call(JsonValue message) {
        return (JsonObject) parse(exchange(message));
    }

    /** Runs the legacy handshake with {@code version}; returns the {@code initialize} response. */
    public JsonObject initialize(String version) {
        JsonObject response = call(request(0, "initialize", Json.createObjectBuilder()
                .add("protocolVersion", version)
                .add("capabilities", Json.createObjectBuilder().add("roots", JsonValue.EMPTY_JSON_OBJECT))
                .add("clientInfo", Json.createObjectBuilder().add("name", "legacy-client").add("version", "9"))));
        send(notification("notifications/initialized", null));
        return response;
    }

    // ------------------------------------------------------------------ message builders (JSON-P)

    public static JsonObject request(Object id, String method, JsonObjectBuilder params) {
        JsonObjectBuilder b = Json.createObjectBuilder().add("jsonrpc", "2.0");
        if (id instanceof String s) {
            b.add("id", s);
        } else {
            b.add("id", ((Number) id).longValue());
        }
        b.add("method", method);
        if (params != null) {
            b.add("params", params);
        }
        return b.build();
    }

    public static JsonObject notification(String method, JsonObjectBuilder params) {
        JsonObjectBuilder b = Json.createObjectBuilder().add("jsonrpc", "2.0").add("method", method);
        if (params != null) {
            b.add("params", params);
        }
        return b.build();
    }

    public static JsonObject cancel(Object id) {
        JsonObjectBuilder p = Json.createObjectBuilder();
        if (id instanceof String s) {
            p.add("requestId", s);
        } else {
            p.add("requestId", ((Number) id).longValue());
        }
        return notification("notifications/cancelled", p.add("reason", "test cancel"));
    }

    /** A complete 2026-07-28 {@code _meta}. */
    public static JsonObjectBuilder modernMeta() {
        return modernMeta("2026-07-28");
    }

    public static JsonObjectBuilder modernMeta(String version) {
        return Json.createObjectBuilder()
                .add(PROTOCOL_VERSION_KEY, version)
                .add(CLIENT_CAPABILITIES_KEY, Json.createObjectBuilder().add("elicitation", JsonValue.EMPTY_JSON_OBJECT))
                .add(CLIENT_INFO_KEY, Json.createObjectBuilder().add("name", "modern-client").add("version", "2"));
    }

    /** Params carrying a complete 2026-07-28 {@code _meta}. */
    public static JsonObjectBuilder modernParams() {
        return Json.createObjectBuilder().add("_meta", modernMeta());
    }

    // ------------------------------------------------------------------ helpers

    /** Parses JSON text; {@code '} stands for {@code "} so expected values stay readable. */
    public static JsonValue json(String text) {
        try (var r = Json.createReader(new StringReader(text.replace('\'', '"')))) {
            return r.readValue();
        }
    }

    /** Expected JSON text, written with {@code '} for {@code "}. */
    public static String text(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }

    public static JsonValue parse(String text) {
        try (var r = Json.createReader(new StringReader(text))) {
            return r.readValue();
        }
    }

    /**
     * Asserts that nothing is in flight on {@code session} once its last answer was sent: a request leaves the in-flight
     * map just after its answer is queued (so a drain never closes a socket under it), so this waits (bounded) for that.
     */
    public static void assertNothingInFlight(McpSession session) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TIMEOUT_MS);
        while (session.inFlightCount() > 0 && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(100_000);
        }
        assertEquals(0, session.inFlightCount(), "requests still in flight");
    }

    /** Waits until every task submitted so far has ended (the pool takes no new work afterwards). */
    public void awaitIdle() {
        executor.shutdown();
        try {
            assertTrue(executor.awaitTermination(TIMEOUT_MS, TimeUnit.MILLISECONDS), "worker threads did not end");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(e);
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A connection that records, in order, the exact JSON text of every message the engine sends. Thread-safe. */
    public static final class RecordingConnection implements McpConnection {
        @Override
        public String transport() {
            return "test";
        }

        /**
         * The channel of a message's request(s), as a socket's: answers and related messages go to this connection, in
         * order; messages of a request are also recorded as related to it.
         */
        public dev.mcpws.engine.RequestChannel channelFor(JsonRpcMessage m) {
            String rid = m instanceof dev.mcpws.protocol.JsonRpcRequest r ? String.valueOf(r.id().value()) : "batch";
            return new dev.mcpws.engine.RequestChannel() {
                @Override
                public void respond(JsonRpcMessage response) {
                    send(response);
                }

                @Override
                public void notify(JsonRpcMessage message) {
                    JsonValue v = parse(JsonRpcCodec.encode(message));
                    related.add(rid + " " + ((JsonObject) v).getString("method", "?"));
                    send(message);
                }

                @Override
                public void skip() {
                }
            };
        }

        private final String id;
        private final BlockingQueue<String> unread = new LinkedBlockingQueue<>();
        private final List<String> sent = new CopyOnWriteArrayList<>();
        private final List<String> closes = new CopyOnWriteArrayList<>();
        private volatile Principal principal;

        public RecordingConnection(String id) {
            this.id = id;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public void send(JsonRpcMessage message) {
            String t = JsonRpcCodec.encode(message);
            sent.add(t);
            unread.add(t);
        }

        /** Which request each message was sent as part of ({@code "<id> <method>"}), for the related sends only. */
        public final List<String> related = new CopyOnWriteArrayList<>();


        @Override
        public void close(int code, String reason) {
            closes.add(code + " " + reason);
        }

        @Override
        public Principal principal() {
            return principal;
        }

        public void principal(Principal p) {
            this.principal = p;
        }

        /** The next message not yet read by the test; fails after {@link #TIMEOUT_MS}. */
        public String next() {
            try {
                String t = unread.poll(TIMEOUT_MS, TimeUnit.MILLISECONDS);
                if (t == null) {
                    fail("No message within " + TIMEOUT_MS + " ms; sent so far: " + sent);
                }
                return t;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }

        public JsonObject nextObject() {
            return (JsonObject) parse(next());
        }

        /** The next {@code n} messages (in sending order). */
        public List<String> next(int n) {
            List<String> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                out.add(next());
            }
            return out;
        }

        /** Asserts the test has read every message sent so far. */
        public void assertNoUnread() {
            List<String> rest = new ArrayList<>();
            unread.drainTo(rest);
            assertEquals(List.of(), rest, "unexpected messages");
        }

        public List<String> sent() {
            return List.copyOf(sent);
        }

        public List<String> closes() {
            return List.copyOf(closes);
        }
    }
}
