package dev.mcpws.client;

/** Base of every failure the client reports. Unchecked: the synchronous operations throw it as it is. */
public class McpClientException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public McpClientException(String message) {
        super(message);
    }

    public McpClientException(String message, Throwable cause) {
        super(message, cause);
    }
}
