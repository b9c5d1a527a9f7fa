package dev.mcpws.protocol;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/** A request: it has an id and expects exactly one response. {@code params} is never null (empty when absent). */
public record JsonRpcRequest(RequestId id, String method, JsonObject params) implements JsonRpcMessage {

    public JsonRpcRequest {
        if (params == null) {
            params = JsonValue.EMPTY_JSON_OBJECT;
        }
    }

    /** The request's {@code params._meta} object, or an empty object. */
    public JsonObject meta() {
        return Json2.object(params, "_meta");
    }
}
