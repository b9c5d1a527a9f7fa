package dev.mcpws.api;

/**
 * Whether a tool runs as a task ({@code io.modelcontextprotocol/tasks}; {@code execution.taskSupport} in
 * {@code tools/list}). A task answers the call at once with a task id; the client reads the result later with
 * {@code tasks/get}, so a long call survives the connection it started on.
 */
public enum TaskSupport {
    /** Never a task (the default): the call is answered when the method returns. */
    FORBIDDEN,
    /** A task when the request declares the tasks extension; a plain call otherwise. */
    OPTIONAL,
    /** Only as a task: a request without the tasks extension gets -32021 (missing required client capability). */
    REQUIRED;

    /** The value of {@code execution.taskSupport}. */
    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
