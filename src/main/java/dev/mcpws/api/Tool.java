package dev.mcpws.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Exposes a method of a CDI bean as an MCP tool. Parameters annotated with {@link ToolArg} (or plain parameters,
 * named by their Java name when compiled with {@code -parameters}) become the tool's {@code inputSchema};
 * parameters of type {@link Progress}, {@link Cancellation} or {@link RequestInfo} are supplied by the server.
 *
 * <p>The return value may be a {@code String}, a {@link Content} block, a {@code List<Content>}, a {@link ToolResult},
 * a record/POJO (sent as {@code structuredContent} with a generated {@code outputSchema}), {@code void}, or a
 * {@code CompletionStage} of any of these. Throw {@link ToolException} for a business failure
 * ({@code isError: true}); any other exception is an internal error (-32603) whose details never reach the client.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Tool {

    /** The tool name; defaults to the method name. */
    String name() default "";

    /** A human-readable title (2025-06-18 and later). */
    String title() default "";

    String description() default "";

    /** Execution timeout in milliseconds, replacing {@code mcp.request.timeout-ms} for this tool; 0 = the default. */
    long timeoutMs() default 0;

    /**
     * Whether the tool runs as a task (2026-07-28 {@code io.modelcontextprotocol/tasks}): {@code OPTIONAL} makes a call
     * that declares the extension a task, {@code REQUIRED} refuses calls without it (-32021). Sent as
     * {@code execution.taskSupport} in {@code tools/list} (2025-11-25 and later). A {@link TaskControl} parameter lets
     * the method start the task itself, after asking for input.
     */
    TaskSupport taskSupport() default TaskSupport.FORBIDDEN;

    /**
     * The method is short and never blocks (no I/O, no locks held long, no waiting; in-memory work of a few
     * microseconds to milliseconds): its calls then run on the thread that read the request (the container's
     * WebSocket read thread, the servlet thread of a POST) instead of hopping to the managed worker pool. That saves
     * the hop, the capture of the EE context and a thread switch per call, and runs outside the connection's share of
     * the pool ({@code mcp.limits.max-running-per-connection}); admission ({@code mcp.limits.max-in-flight}),
     * cancellation, the execution timeout and the drain apply as to any call. While it runs, that connection's next
     * messages wait, so a slow "non-blocking" tool delays its client: a call that takes longer than
     * {@code mcp.dispatch.inline-budget-ms} (1 s) demotes the tool to the worker pool for good (logged once:
     * a warning of the README's Diagnostics table), and its execution timeout interrupts it as it would on a worker. Cannot be combined with
     * {@link Elicitation}, {@link Sampling}, {@link Roots} or {@link TaskControl} parameters or a {@link #taskSupport()}
     * (the deployment fails). Default: false (blocking: the worker pool).
     */
    boolean nonBlocking() default false;

    /** Behaviour hints for clients; only sent when declared. */
    Annotations annotations() default @Annotations(declared = false);

    /** Tool annotations (hints). Defaults are the specification's defaults. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({})
    @interface Annotations {
        /** Internal: false only for the "not declared" default value. */
        boolean declared() default true;

        String title() default "";

        boolean readOnlyHint() default false;

        boolean destructiveHint() default true;

        boolean idempotentHint() default false;

        boolean openWorldHint() default true;
    }

    /** Icons for clients of 2025-11-25 and later. */
    Icon[] icons() default {};

    /**
     * Scopes the caller's token must all carry to see and use this tool (added to the roles of
     * {@code jakarta.annotation.security.RolesAllowed} on the method or its class). A caller without them (or without
     * a token) does not find it in lists and gets "not found" when it names it, unless {@code mcp.auth.forbidden} is
     * {@code challenge}. Empty: everybody.
     */
    String[] scopes() default {};
}
