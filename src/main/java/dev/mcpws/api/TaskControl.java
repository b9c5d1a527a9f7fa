package dev.mcpws.api;

/**
 * Lets a tool that supports tasks choose the moment its call becomes a task. Declare it as a parameter of a
 * {@code @Tool(taskSupport = OPTIONAL or REQUIRED)} method: the call then starts as a plain request (it may still ask
 * for input synchronously, 2026-07-28 multi round-trip), and becomes a task when the method calls {@link #start()}.
 * Without this parameter such a tool is a task from its first line.
 */
public interface TaskControl {

    /**
     * Answers the client now with a task id; the rest of the method runs as the task (its return value becomes the
     * task's result, input it asks for goes through the task). Returns false, and changes nothing, when this call
     * cannot be a task (the client did not declare the tasks extension, or the tool forbids tasks).
     */
    boolean start();

    /** True once the call is a task. */
    boolean isTask();

    /** The task's {@code statusMessage} (for example how far it got); ignored when the call is no task. */
    void status(String message);
}
