package dev.mcpws.protocol;

/**
 * What the decoder yields for a frame that is not valid JSON (-32700) or not a valid JSON-RPC message (-32600).
 * The engine answers it with an error response; the connection stays open. {@code id} is set when it could be read.
 */
public record InvalidMessage(RequestId id, int code, String reason) implements JsonRpcMessage {
}
