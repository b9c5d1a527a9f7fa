package dev.mcpws.api;

/**
 * A request to the client ({@code elicitation/create}, {@code sampling/createMessage}, {@code roots/list}) failed:
 * the client answered with an error ({@link #code()} is its JSON-RPC code), did not answer within
 * {@code mcp.client-request.timeout-ms} ({@link #TIMEOUT}), or the connection closed ({@link #CLOSED}).
 * Uncaught in a tool it becomes a tool error ({@code isError: true}) with this message.
 */
public class ClientRequestException extends RuntimeException {

    /** Pseudo-code: no answer in time. */
    public static final int TIMEOUT = -1;
    /** Pseudo-code: the connection closed before the answer. */
    public static final int CLOSED = -2;

    private final int code;

    public ClientRequestException(int code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public int code() {
        return code;
    }
}
