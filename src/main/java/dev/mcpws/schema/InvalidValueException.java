package dev.mcpws.schema;

/**
 * A JSON value does not match the expected Java type. {@link #getMessage()} reads like
 * {@code arguments.point.x: expected integer, got string "abc"}, i.e. {@code path + ": " + message}
 * (just the message when the path is empty). It is an expected, client-caused outcome, so it carries no stack trace.
 */
public final class InvalidValueException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String path;
    private final String detail;

    public InvalidValueException(String path, String message) {
        super(path == null || path.isEmpty() ? message : path + ": " + message, null, false, false);
        this.path = path == null ? "" : path;
        this.detail = message;
    }

    /** Where the offending value is, e.g. {@code arguments.tags[2]}; empty for the root. */
    public String path() {
        return path;
    }

    /** The message without the path, e.g. {@code expected integer, got string "abc"}. */
    public String detail() {
        return detail;
    }
}
