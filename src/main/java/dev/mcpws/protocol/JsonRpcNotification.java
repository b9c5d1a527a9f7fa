package dev.mcpws.protocol;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/** A notification: no id, no response. {@code params} is never null (empty when absent). */
public record JsonRpcNotification(String method, JsonObject params) implements JsonRpcMessage {

    public JsonRpcNotification {
        if (params == null) {
            params = JsonValue.EMPTY_JSON_OBJECT;
        }
    }
}
