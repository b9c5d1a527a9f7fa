package dev.mcpws.engine;

import dev.mcpws.protocol.ErrorCodes;
import jakarta.json.JsonValue;

/** A protocol error: the engine answers the request with a JSON-RPC error carrying this code and message. */
public class McpException extends RuntimeException {

    private final int code;
    private final transient JsonValue data;

    public McpException(int code, String message) {
        this(code, message, null);
    }

    public McpException(int code, String message, JsonValue data) {
        super(message, null, false, false);
        this.code = code;
        this.data = data;
    }

    public static McpException invalidParams(String message) {
        return new McpException(ErrorCodes.INVALID_PARAMS, message);
    }

    /** -32022 for a version this server does not speak: the same data on every transport. */
    public static McpException unsupportedVersion(String message, String requested) {
        jakarta.json.JsonArrayBuilder supported = dev.mcpws.protocol.Json2.array();
        dev.mcpws.protocol.ProtocolVersion.ALL.forEach(supported::add);
        return new McpException(ErrorCodes.UNSUPPORTED_PROTOCOL_VERSION, message, dev.mcpws.protocol.Json2.object()
                .add("supported", supported).add("requested", requested).build());
    }

    public int code() {
        return code;
    }

    public JsonValue data() {
        return data;
    }
}
