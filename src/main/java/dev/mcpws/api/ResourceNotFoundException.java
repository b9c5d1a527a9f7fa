package dev.mcpws.api;

/**
 * Thrown by a resource or template method when the requested resource does not exist. The client gets the
 * protocol's "resource not found" error: -32002 (2025-11-25 and older) or -32602 (2026-07-28), with {@code data.uri}.
 */
public class ResourceNotFoundException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ResourceNotFoundException(String message) {
        super(message, null, false, false);
    }
}
