package dev.mcpws.bench;

import jakarta.json.Json;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonObject;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonValue;
import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.io.StringReader;

/**
 * The baseline of the load benchmark: a bare WebSocket endpoint that parses a JSON-RPC text and answers the same id
 * with a fixed echo result, and nothing else (no engine, no executor hop, no validation). Deployed only in the
 * benchmark deployment, never in the production WAR: it lives in the test sources. Its JSON-P factories are made
 * once (as the MCP codec's are), so the baseline does not pay a provider lookup per message.
 */
@ServerEndpoint("/raw-echo")
public class RawEchoEndpoint {

    private static final JsonReaderFactory READERS = Json.createReaderFactory(java.util.Map.of());
    private static final JsonBuilderFactory BUILDERS = Json.createBuilderFactory(java.util.Map.of());

    @OnMessage
    public void echo(String text, Session session) throws java.io.IOException {
        String answer = answer(text);
        if (answer != null) {
            session.getBasicRemote().sendText(answer);
        }
    }

    /** The answer to a JSON-RPC request text, or null for a notification. */
    static String answer(String text) {
        JsonObject request;
        try (jakarta.json.JsonReader reader = READERS.createReader(new StringReader(text))) {
            request = reader.readObject();
        }
        JsonValue id = request.get("id");
        if (id == null) {
            return null; // a notification
        }
        JsonObject params = request.getJsonObject("params");
        JsonObject arguments = params == null ? null : params.getJsonObject("arguments");
        String echoed = arguments == null ? "" : arguments.getString("text", "");
        return BUILDERS.createObjectBuilder().add("jsonrpc", "2.0").add("id", id)
                .add("result", BUILDERS.createObjectBuilder().add("content", BUILDERS.createArrayBuilder()
                        .add(BUILDERS.createObjectBuilder().add("type", "text").add("text", echoed))))
                .build().toString();
    }
}
