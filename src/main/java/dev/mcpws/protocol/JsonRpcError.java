package dev.mcpws.protocol;

import jakarta.json.JsonValue;

/** An error response. {@code id} is null when the request's id could not be read; {@code data} may be null. */
public record JsonRpcError(RequestId id, int code, String message, JsonValue data) implements JsonRpcResponse {

    public JsonRpcError {
        if (message == null) {
            message = "";
        }
    }

    public JsonRpcError(RequestId id, int code, String message) {
        this(id, code, message, null);
    }
}
