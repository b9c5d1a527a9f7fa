package dev.mcpws.bench;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.io.StringReader;

/**
 * The baseline of the load benchmark: a bare WebSocket endpoint that parses a JSON-RPC text and answers the same id
 * with a fixed echo result, and nothing else (no engine, no executor hop, no validation). Deployed only in the
 * benchmark deployment, never in the production WAR: it lives in the test sources.
 */
@ServerEndpoint("/raw-echo")
public class RawEchoEndpoint {

    @OnMessage
    public void echo(String text, Session session) throws java.io.IOException {
        JsonObject request = Json.createReader(new StringReader(text)).readObject();
        JsonValue id = request.get("id");
        if (id == null) {
            return; // a notification
        }
        JsonObject params = request.getJsonObject("params");
        JsonObject arguments = params == null ? null : params.getJsonObject("arguments");
        String echoed = arguments == null ? "" : arguments.getString("text", "");
        session.getBasicRemote().sendText(Json.createObjectBuilder().add("jsonrpc", "2.0").add("id", id)
                .add("result", Json.createObjectBuilder().add("content", Json.createArrayBuilder()
                        .add(Json.createObjectBuilder().add("type", "text").add("text", echoed))))
                .build().toString());
    }
}
