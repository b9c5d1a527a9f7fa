package dev.mcpws.protocol;

/** A response: a result or an error, correlated to a request by id. */
public sealed interface JsonRpcResponse extends JsonRpcMessage permits JsonRpcResult, JsonRpcError {

    /** The id of the request this answers; null only for errors about an unreadable request. */
    RequestId id();
}
