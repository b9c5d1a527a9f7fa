package dev.mcpws.protocol;

import jakarta.json.JsonObject;

/** A successful response. */
public record JsonRpcResult(RequestId id, JsonObject result) implements JsonRpcResponse {
}
