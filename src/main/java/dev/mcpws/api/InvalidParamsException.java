package dev.mcpws.api;

/**
 * Thrown by a prompt or completion method to reject what the client sent (e.g. an argument value it cannot use).
 * The client gets a -32602 "Invalid params" error with this message, so keep it free of secrets.
 */
public class InvalidParamsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InvalidParamsException(String message) {
        super(message, null, false, false);
    }
}
