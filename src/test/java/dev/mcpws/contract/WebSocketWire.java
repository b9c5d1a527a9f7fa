package dev.mcpws.contract;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletionStage;

/**
 * The WebSocket binding: one socket per client (subprotocol {@code mcp}), one JSON-RPC message per text frame, both
 * eras on the same socket. Cancellation is {@code notifications/cancelled}. The JDK's WebSocket client, so nothing of
 * ours is under test on this side.
 */
public final class WebSocketWire implements Wire {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Inbox inbox = new Inbox();
    private final WebSocket ws;

    public WebSocketWire(URI uri) {
        this.ws = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10)).subprotocols("mcp")
                .buildAsync(uri, new Listener(inbox)).join();
    }

    @Override
    public synchronized void send(JsonObject message, boolean modern) {
        ws.sendText(message.toString(), true).join();
    }

    @Override
    public synchronized void sendBatch(jakarta.json.JsonArray batch) {
        ws.sendText(batch.toString(), true).join();
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
        if (!ws.isOutputClosed()) {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(t -> null);
        }
        ws.abort();
    }

    private static final class Listener implements WebSocket.Listener {
        private final Inbox inbox;
        private final StringBuilder text = new StringBuilder();

        Listener(Inbox inbox) {
            this.inbox = inbox;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                JsonValue v = Json.createReader(new StringReader(text.toString())).readValue();
                text.setLength(0);
                inbox.add(v instanceof JsonObject o ? o : Json.createObjectBuilder().add("batch", v).build());
            }
            webSocket.request(1);
            return null;
        }
    }
}
