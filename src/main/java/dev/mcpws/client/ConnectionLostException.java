package dev.mcpws.client;

/**
 * The connection dropped while this request was in flight and the request is not safe to repeat (see
 * {@link ReplayPolicy}): the server may or may not have carried it out. Also thrown for requests that were waiting
 * when the client gave up reconnecting or was closed.
 */
public class ConnectionLostException extends McpClientException {

    private static final long serialVersionUID = 1L;

    private final String method;
    private final boolean outcomeUnknown;

    public ConnectionLostException(String method, boolean outcomeUnknown, String message, Throwable cause) {
        super(message, cause);
        this.method = method;
        this.outcomeUnknown = outcomeUnknown;
    }

    /** The JSON-RPC method of the lost request. */
    public String method() {
        return method;
    }

    /** True when the request had been sent, so the server may have acted on it. */
    public boolean outcomeUnknown() {
        return outcomeUnknown;
    }
}
