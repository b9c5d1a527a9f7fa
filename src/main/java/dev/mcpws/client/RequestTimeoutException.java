package dev.mcpws.client;

/** No answer within the request timeout; the client sent {@code notifications/cancelled} for it. */
public class RequestTimeoutException extends McpClientException {

    private static final long serialVersionUID = 1L;

    public RequestTimeoutException(String message) {
        super(message);
    }
}
