package dev.mcpws.client;

import jakarta.json.JsonValue;

/** The server answered with a JSON-RPC error. */
public class McpErrorException extends McpClientException {

    private static final long serialVersionUID = 1L;

    private final int code;
    private final transient JsonValue data;

    public McpErrorException(int code, String message, JsonValue data) {
        super(message + " (" + code + ")");
        this.code = code;
        this.data = data;
    }

    /** The JSON-RPC error code, e.g. -32602. */
    public int code() {
        return code;
    }

    /** The error's {@code data}, or null. */
    public JsonValue data() {
        return data;
    }
}
