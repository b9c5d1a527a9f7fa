package dev.mcpws.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * A raw WebSocket test client (the JDK's, so nothing of ours is under test on this side): sends text frames, keeps
 * every frame it receives, and waits for responses by id or for the close frame.
 */
public final class WsClient implements AutoCloseable {

    public static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final WebSocket ws;
    private final BlockingQueue<JsonObject> inbox = new LinkedBlockingQueue<>();
    private final List<String> rawFrames = new ArrayList<>();
    private final CompletableFuture<int[]> closed = new CompletableFuture<>();
    private final CompletableFuture<String> closeReason = new CompletableFuture<>();
    private final AtomicLong ids = new AtomicLong();
    private final List<JsonObject> unclaimed = new ArrayList<>();

    private WsClient(WebSocket ws) {
        this.ws = ws;
    }

    public static WsClient connect(URI uri, String... subprotocols) {
        return connect(uri, Map.of(), subprotocols);
    }

    public static WsClient connect(URI uri, Map<String, String> headers, String... subprotocols) {
        WsClient[] holder = new WsClient[1];
        Listener listener = new Listener(holder);
        WebSocket.Builder b = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(TIMEOUT);
        headers.forEach(b::header);
        if (subprotocols.length > 0) {
            b.subprotocols(subprotocols[0], java.util.Arrays.copyOfRange(subprotocols, 1, subprotocols.length));
        }
        WebSocket ws = b.buildAsync(uri, listener).join();
        holder[0] = new WsClient(ws);
        listener.ready.complete(holder[0]);
        return holder[0];
    }

    public String subprotocol() {
        return ws.getSubprotocol();
    }

    public void sendText(String text) {
        ws.sendText(text, true).join();
    }

    public void sendBinary(byte[] data) {
        ws.sendBinary(ByteBuffer.wrap(data), true).join();
    }

    public long nextId() {
        return ids.incrementAndGet();
    }

    /** Sends a request with a fresh numeric id and returns the id. */
    public long send(String method, JsonObject params) {
        long id = nextId();
        JsonObject msg = Json.createObjectBuilder().add("jsonrpc", "2.0").add("id", id).add("method", method)
                .add("params", params == null ? JsonValue.EMPTY_JSON_OBJECT : params).build();
        sendText(msg.toString());
        return id;
    }

    public void notify(String method, JsonObject params) {
        sendText(Json.createObjectBuilder().add("jsonrpc", "2.0").add("method", method).add("params", params).build().toString());
    }

    /** Sends a request and waits for its response (result or error). */
    public JsonObject request(String method, JsonObject params) {
        return awaitResponse(send(method, params));
    }

    /** Sends a request and returns its result, failing the test on an error response. */
    public JsonObject call(String method, JsonObject params) {
        JsonObject response = request(method, params);
        if (response.containsKey("error")) {
            fail(method + " failed: " + response);
        }
        return response.getJsonObject("result");
    }

    public JsonObject awaitResponse(long id) {
        return await(m -> m.containsKey("id") && !m.containsKey("method") && m.get("id").getValueType() == JsonValue.ValueType.NUMBER
                && m.getJsonNumber("id").longValue() == id, "response " + id);
    }

    /** Waits for the next message matching {@code p}; messages that don't match are kept for later awaits. */
    public synchronized JsonObject await(Predicate<JsonObject> p, String what) {
        for (int i = 0; i < unclaimed.size(); i++) {
            if (p.test(unclaimed.get(i))) {
                return unclaimed.remove(i);
            }
        }
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                JsonObject m = left <= 0 ? null : inbox.poll(left, TimeUnit.NANOSECONDS);
                if (m == null) {
                    fail("Timed out waiting for " + what + "; unclaimed: " + unclaimed);
                }
                if (p.test(m)) {
                    return m;
                }
                unclaimed.add(m);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Collects everything that arrives within {@code window} (for "nothing else arrives" checks). */
    public synchronized List<JsonObject> drain(Duration window) throws InterruptedException {
        List<JsonObject> got = new ArrayList<>(unclaimed);
        unclaimed.clear();
        long deadline = System.nanoTime() + window.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return got;
            }
            JsonObject m = inbox.poll(left, TimeUnit.NANOSECONDS);
            if (m != null) {
                got.add(m);
            }
        }
    }

    /** Waits for the server's close frame and returns its status code. */
    public int awaitClose() {
        try {
            return closed.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)[0];
        } catch (Exception e) {
            throw new AssertionError("the server did not close the socket", e);
        }
    }

    public String awaitCloseReason() {
        awaitClose();
        return closeReason.join();
    }

    public boolean isClosed() {
        return closed.isDone();
    }

    public static void assertError(JsonObject response, int code) {
        assertNotNull(response.get("error"), "expected an error " + code + ", got " + response);
        assertEquals(code, response.getJsonObject("error").getInt("code"), () -> "error code in " + response);
    }

    public static void assertResultId(JsonObject response, long id) {
        assertTrue(response.containsKey("result"), () -> "expected a result, got " + response);
        assertEquals(id, response.getJsonNumber("id").longValue());
    }

    @Override
    public void close() {
        if (!ws.isOutputClosed()) {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(t -> null);
        }
        ws.abort();
    }

    private static final class Listener implements WebSocket.Listener {
        private final WsClient[] holder;
        private final CompletableFuture<WsClient> ready = new CompletableFuture<>();
        private final StringBuilder text = new StringBuilder();

        Listener(WsClient[] holder) {
            this.holder = holder;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                String frame = text.toString();
                text.setLength(0);
                WsClient c = ready.join();
                synchronized (c.rawFrames) {
                    c.rawFrames.add(frame);
                }
                JsonValue v = Json.createReader(new StringReader(frame)).readValue();
                // a JSON-RPC batch response arrives as an array: keep it as {"batch":[...]}
                c.inbox.add(v instanceof JsonObject o ? o : Json.createObjectBuilder().add("batch", v).build());
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            WsClient c = ready.join();
            c.closeReason.complete(reason);
            c.closed.complete(new int[] {statusCode});
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            ready.thenAccept(c -> c.closed.complete(new int[] {-1}));
        }
    }
}
