package dev.mcpws.schema;

/** A Java value that has no JSON form (a NaN or infinite number). */
public class NotRepresentableException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public NotRepresentableException(String message) {
        super(message);
    }
}
