package dev.mcpws.api;

/**
 * A business failure of a tool (bad input values, a downstream service said no, ...). The client receives a normal
 * result with {@code isError: true} and this message as text, so the model can react. Any other exception is an
 * internal error whose details are logged, never sent.
 */
public class ToolException extends RuntimeException {

    public ToolException(String message) {
        super(message);
    }

    public ToolException(String message, Throwable cause) {
        super(message, cause);
    }
}
