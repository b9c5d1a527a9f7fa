package dev.mcpws.protocol;

/**
 * One decoded JSON-RPC 2.0 frame. Params and results stay JSON-P values: a feature binds them when it needs them,
 * so a message is parsed exactly once.
 */
public sealed interface JsonRpcMessage
        permits JsonRpcRequest, JsonRpcNotification, JsonRpcResponse, JsonRpcBatch, InvalidMessage {
}
